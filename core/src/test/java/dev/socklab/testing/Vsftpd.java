package dev.socklab.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;


/**
 * Debian's vsftpd, run in the foreground ({@code background=NO}) as the test's own user
 * ({@code run_as_launching_user=YES}, so no chroot and no privilege separation) on a free port of
 * 127.0.0.1, anonymous only, its root and configuration in the test's directory, and ended by PID.
 * Anonymous users may upload and append. Passive mode only, and with a certificate, TLS offered
 * ({@code AUTH TLS}) but not demanded and no session reuse asked of the data connections, unless
 * {@link Option}s say otherwise.
 */
public final class Vsftpd implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(10);

    /** What the test asks of vsftpd beyond the above. */
    public enum Option {
        /** {@code require_ssl_reuse=YES}, vsftpd's default: a TLS data connection must resume the control session. */
        REQUIRE_SSL_REUSE,
        /** {@code implicit_ssl=YES}: TLS from the control connection's first byte (FTPS); needs a certificate. */
        IMPLICIT_TLS,
        /**
         * Active mode alone: {@code port_enable=YES} (PORT and EPRT, to the client's own address, as
         * {@code port_promiscuous=NO} keeps it) and {@code pasv_enable=NO}, so that a client must use it.
         */
        ACTIVE,
        /**
         * TLS 1.2 at most, through OpenSSL's configuration ({@code MaxProtocol} in a file that
         * {@code OPENSSL_CONF} names): vsftpd has no setting for TLS 1.3, which OpenSSL 3 offers.
         * With {@code ssl_ciphers=HIGH}: vsftpd's default TLS 1.2 cipher list is DES-CBC3-SHA alone,
         * which the JDK refuses (TLS 1.3's suites are set apart and untouched by it).
         */
        TLS_1_2
    }

    private final LabProgram program;
    private final int port;

    private Vsftpd(LabProgram program, int port) {
        this.program = program;
        this.port = port;
    }

    /** vsftpd serving {@code root}, with {@code tls} when not null. */
    public static Vsftpd start(Path dir, Path root, TestCertificates tls) throws IOException {
        return start(dir, root, tls, EnumSet.noneOf(Option.class));
    }

    /** vsftpd serving {@code root}, with {@code tls} when not null, and {@code options}. */
    public static Vsftpd start(Path dir, Path root, TestCertificates tls, Set<Option> options) throws IOException {
        if (tls == null && (options.contains(Option.REQUIRE_SSL_REUSE) || options.contains(Option.IMPLICIT_TLS)
                || options.contains(Option.TLS_1_2))) {
            throw new IllegalArgumentException("TLS options need a certificate: " + options);
        }
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
                pasv_enable=%s
                pasv_min_port=%d
                pasv_max_port=%d
                port_enable=%s
                xferlog_enable=NO
                """.formatted(port, empty, root, yesNo(!options.contains(Option.ACTIVE)), pasv, pasv,
                yesNo(options.contains(Option.ACTIVE)));
        if (tls != null) {
            config += """
                    ssl_enable=YES
                    allow_anon_ssl=YES
                    force_local_data_ssl=NO
                    force_local_logins_ssl=NO
                    require_ssl_reuse=%s
                    implicit_ssl=%s
                    rsa_cert_file=%s
                    rsa_private_key_file=%s
                    """.formatted(yesNo(options.contains(Option.REQUIRE_SSL_REUSE)),
                    yesNo(options.contains(Option.IMPLICIT_TLS)), tls.certFile(), tls.keyFile());
            if (options.contains(Option.TLS_1_2)) {
                config += "ssl_ciphers=HIGH\n";
            }
        }
        Path file = Files.writeString(dir.resolve("vsftpd.conf"), config);
        List<String> command = List.of(vsftpd, file.toString());
        if (options.contains(Option.TLS_1_2)) {
            Path openssl = Files.writeString(dir.resolve("openssl.cnf"), """
                    openssl_conf = openssl_init
                    [openssl_init]
                    ssl_conf = ssl_section
                    [ssl_section]
                    system_default = system_default_section
                    [system_default_section]
                    MaxProtocol = TLSv1.2
                    """);
            // env replaces itself with vsftpd (execve), so the PID ended at close is vsftpd's.
            command = List.of("/usr/bin/env", "OPENSSL_CONF=" + openssl, vsftpd, file.toString());
        }
        LabProgram program = LabProgram.start(command);
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

    private static String yesNo(boolean on) {
        return on ? "YES" : "NO";
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
