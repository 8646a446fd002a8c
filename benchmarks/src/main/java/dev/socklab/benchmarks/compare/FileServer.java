package dev.socklab.benchmarks.compare;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The servers the file-transfer comparison puts side by side, each serving one directory of
 * files on 127.0.0.1 and the server's core, with its own configuration and no other state: socklab
 * serving both protocols, and for each protocol the C servers Debian ships.
 */
enum FileServer {
    /** {@code socklab serve tftp ftp}, from socklab's build, anonymous FTP allowed. */
    SOCKLAB("socklab", "", EnumSet.of(FileProtocol.TFTP, FileProtocol.FTP), "build socklab: ./socklab --version"),
    /** H. Peter Anvin's tftpd, in the foreground, chrooted to the directory: lock-step only, it knows no windowsize. */
    TFTPD_HPA("tftpd-hpa", "in.tftpd", EnumSet.of(FileProtocol.TFTP), "apt-get install tftpd-hpa"),
    /** atftpd standalone, one thread per transfer, with RFC 7440's windowsize. */
    ATFTPD("atftpd", "atftpd", EnumSet.of(FileProtocol.TFTP),
            "Debian's atftpd conflicts with tftpd-hpa: apt-get download atftpd, dpkg-deb -x it and link its"
                    + " usr/sbin/atftpd into /usr/local/sbin, as .ci/run does"),
    /** vsftpd in the foreground, anonymous read-only, as the user that starts it (no privilege separation). */
    VSFTPD("vsftpd", "vsftpd", EnumSet.of(FileProtocol.FTP), "apt-get install vsftpd");

    /** Where Debian puts daemons, and where an unpacked one is linked: searched after the PATH. */
    private static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"));

    private final String label;
    private final String program;
    private final Set<FileProtocol> protocols;
    private final String install;

    FileServer(String label, String program, Set<FileProtocol> protocols, String install) {
        this.label = label;
        this.program = program;
        this.protocols = protocols;
        this.install = install;
    }

    String label() {
        return label;
    }

    boolean serves(FileProtocol protocol) {
        return protocols.contains(protocol);
    }

    boolean socklab() {
        return this == SOCKLAB;
    }

    /** Why this server cannot run here, with what to do; empty when it can. */
    Optional<String> missing(Launch launch) {
        if (socklab()) {
            return Files.isRegularFile(launch.socklab()) ? Optional.empty()
                    : Optional.of("socklab is not built at " + launch.socklab() + " (" + install + ")");
        }
        if (program().isEmpty()) {
            return Optional.of(label + " is not installed (" + install + ")");
        }
        if (this == TFTPD_HPA && !"root".equals(System.getProperty("user.name"))) {
            return Optional.of("tftpd-hpa runs only as root: it calls setgroups to become its --user, even the same one");
        }
        return Optional.empty();
    }

    /** The server's executable: on the PATH, else in /usr/sbin or /usr/local/sbin. */
    Optional<Path> program() {
        return program(program);
    }

    static Optional<Path> program(String name) {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.addAll(SBIN);
        return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /**
     * The command that serves {@code served} on the given ports of 127.0.0.1 (a port for a protocol
     * the server does not serve is ignored), pinned to the server's core; {@code work} is the
     * server's own directory, for its configuration and logs.
     */
    List<String> command(Launch launch, Path work, Path served, int tftpPort, int ftpPort) throws IOException {
        String user = System.getProperty("user.name");
        return switch (this) {
            case SOCKLAB -> launch.socklabServer(List.of("serve", "tftp:" + tftpPort, "ftp:" + ftpPort,
                    "--bind", Launch.HOST, "--tftp-root", served.toString(), "--ftp-root", served.toString(),
                    "--ftp-anonymous"));
            case TFTPD_HPA -> pinned(launch, List.of("--foreground", "--address", Launch.HOST + ":" + tftpPort,
                    "--secure", "--user", user, served.toString()));
            case ATFTPD -> pinned(launch, List.of("--daemon", "--no-fork", "--port", Integer.toString(tftpPort),
                    "--bind-address", Launch.HOST, "--user", user, "--group", group(work), "--logfile", "-",
                    served.toString()));
            case VSFTPD -> pinned(launch, List.of(Files.writeString(work.resolve("vsftpd.conf"),
                    vsftpdConf(served, ftpPort, work.resolve("vsftpd.log"))).toString()));
        };
    }

    private List<String> pinned(Launch launch, List<String> args) {
        List<String> command = new ArrayList<>(launch.pinning().server());
        command.add(program().orElseThrow().toString());
        command.addAll(args);
        return command;
    }

    /** The group of {@code dir}, which this process made: the group the server keeps. */
    private static String group(Path dir) throws IOException {
        return Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
    }

    /**
     * vsftpd in the foreground on {@code port} of 127.0.0.1, anonymous read-only from
     * {@code served}, passive only; as the user that starts it, without the privilege-separated
     * helper or the seccomp sandbox, which need root's setup (a secure_chroot_dir, the ftp user).
     * Its defaults otherwise, sendfile among them.
     */
    static String vsftpdConf(Path served, int port, Path log) {
        return "listen=YES\n"
                + "listen_ipv6=NO\n"
                + "listen_address=" + Launch.HOST + "\n"
                + "listen_port=" + port + "\n"
                + "background=NO\n"
                + "run_as_launching_user=YES\n"
                + "seccomp_sandbox=NO\n"
                + "anonymous_enable=YES\n"
                + "no_anon_password=YES\n"
                + "anon_root=" + served + "\n"
                + "local_enable=NO\n"
                + "write_enable=NO\n"
                + "port_enable=NO\n"
                + "pasv_enable=YES\n"
                + "xferlog_enable=YES\n"
                + "vsftpd_log_file=" + log + "\n";
    }

    /** The command that prints the server's version, for the report. */
    List<String> versionCommand(Launch launch) {
        String path = program().map(Path::toString).orElse(program);
        return switch (this) {
            case SOCKLAB -> launch.socklab("--version");
            case TFTPD_HPA -> List.of(path, "-V");
            case ATFTPD -> List.of(path, "--version");
            // vsftpd -v writes its version to standard input, its file descriptor 0: sent to standard output here.
            case VSFTPD -> List.of("sh", "-c", "exec \"$0\" -v 0>&1", path);
        };
    }
}
