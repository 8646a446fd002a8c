package dev.socklab.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;


/**
 * Debian's vsftpd, run in the foreground ({@code background=NO}) as the test's own user
 * ({@code run_as_launching_user=YES}, so no chroot and no privilege separation) on a free port of
 * 127.0.0.1, anonymous only, its root and configuration in the test's directory, and ended by PID.
 * Anonymous users may upload and append; with a certificate, TLS is offered ({@code AUTH TLS}) but
 * not demanded, and no session reuse is asked of the data connections.
 */
public final class Vsftpd implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(10);

    private final LabProgram program;
    private final int port;

    private Vsftpd(LabProgram program, int port) {
        this.program = program;
        this.port = port;
    }

    /** vsftpd serving {@code root}, with {@code tls} when not null. */
    public static Vsftpd start(Path dir, Path root, TestCertificates tls) throws IOException {
        String vsftpd = Tools.require(Path.of("/usr/sbin/vsftpd"));
        int port = LoopbackPorts.tcp();
        int pasv = LoopbackPorts.tcp();
        Path empty = Files.createDirectories(dir.resolve("vsftpd-empty"));
        String config = """
                listen=YES
                listen_ipv6=NO
                listen_address=127.0.0.1
                listen_port=%d
                background=NO
                run_as_launching_user=YES
                seccomp_sandbox=NO
                secure_chroot_dir=%s
                anonymous_enable=YES
                no_anon_password=YES
                anon_root=%s
                local_enable=NO
                write_enable=YES
                anon_upload_enable=YES
                anon_other_write_enable=YES
                anon_umask=022
                pasv_enable=YES
                pasv_min_port=%d
                pasv_max_port=%d
                port_enable=NO
                xferlog_enable=NO
                """.formatted(port, empty, root, pasv, pasv);
        if (tls != null) {
            config += """
                    ssl_enable=YES
                    allow_anon_ssl=YES
                    force_local_data_ssl=NO
                    force_local_logins_ssl=NO
                    require_ssl_reuse=NO
                    rsa_cert_file=%s
                    rsa_private_key_file=%s
                    """.formatted(tls.certFile(), tls.keyFile());
        }
        Path file = Files.writeString(dir.resolve("vsftpd.conf"), config);
        LabProgram program = LabProgram.start(List.of(vsftpd, file.toString()));
        try {
            Await.until(() -> answers(port), START, "vsftpd to listen on 127.0.0.1:" + port);
        } catch (RuntimeException | Error e) {
            program.close();
            throw e;
        }
        return new Vsftpd(program, port);
    }

    /** The server's port, on 127.0.0.1. */
    public int port() {
        return port;
    }

    private static boolean answers(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        program.close();
    }
}
