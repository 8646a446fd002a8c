package dev.socklab.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top of the command tree: {@code socklab COMMAND}. */
@Command(name = "socklab", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = "Socket services toolkit: a server for small network services over TCP, UDP and Unix"
                + " sockets, and a client for each.",
        footer = {"", "Examples:",
                "  socklab serve                    start every service on loopback",
                "  socklab hello                    fetch the greeting from localhost",
                "  socklab daytime                  fetch the date, then acknowledge it",
                "  socklab arp 10.0.0.1             look up a hardware address",
                "  socklab time                     the server's clock, and how far off it is",
                "  socklab chat --nick alice        talk in a chat room",
                "  socklab play --name alice        move and shoot in the UDP arena",
                "  socklab http localhost:10080/ip  fetch a page over HTTP",
                "  socklab ws                       talk to a WebSocket server, like wscat",
                "  socklab rpc add 2 3              call a method over JSON-RPC or XML-RPC",
                "  socklab tftp get boot.img        fetch a file over TFTP",
                "  socklab ftp ls ftp://localhost:10021/   list a directory over FTP",
                "  socklab services                 list the services and their ports",
                "  socklab config example           a configuration file for serve --config",
                "  socklab cert dev                 a certificate and key to try TLS with",
                "  socklab ftp-passwd users alice   add an account for the FTP service",
                "  socklab systemd-units            units for systemd to start socklab on demand",
                "", "Exit codes: 0 done, 1 bug, 2 bad command line, 3 cannot bind,",
                "            4 cannot connect or connection failed, 5 no answer in time,",
                "            6 the server refused (an HTTP status, a TFTP, FTP or RPC error)"})
final class SocklabCommand implements Callable<Integer> {
    /**
     * Every command under {@code socklab}, by the name its {@code @Command} gives it, in the order
     * the usage lists them. {@link Main} adds them, rather than {@code @Command(subcommands)}, so
     * that it can add only the one asked for.
     */
    static final SequencedMap<String, Class<?>> COMMANDS = commands();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** No command given: the usage, on standard error as for any other incomplete command line. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code;
    }

    private static SequencedMap<String, Class<?>> commands() {
        SequencedMap<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("serve", ServeCommand.class);
        commands.put("services", ServicesCommand.class);
        commands.put("config", ConfigCommand.class);
        commands.put("cert", CertCommand.class);
        commands.put("ftp-passwd", FtpPasswdCommand.class);
        commands.put("systemd-units", SystemdUnitsCommand.class);
        commands.put("hello", HelloCommand.class);
        commands.put("echo", EchoCommand.class);
        commands.put("daytime", DaytimeCommand.class);
        commands.put("arp", LookupCommand.Arp.class);
        commands.put("rarp", LookupCommand.Rarp.class);
        commands.put("time", TimeCommand.class);
        commands.put("discard", DiscardCommand.class);
        commands.put("chargen", ChargenCommand.class);
        commands.put("qotd", QotdCommand.class);
        commands.put("chat", ChatCommand.class);
        commands.put("play", PlayCommand.class);
        commands.put("http", HttpCommand.class);
        commands.put("ws", WsCommand.class);
        commands.put("rpc", RpcCommand.class);
        commands.put("tftp", TftpCommand.class);
        commands.put("ftp", FtpCommand.class);
        commands.put("bench", BenchCommand.class);
        return Collections.unmodifiableSequencedMap(commands);
    }

    /** The version Maven wrote into the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SocklabCommand.class.getPackage().getImplementationVersion();
            return new String[] {"socklab " + (version == null ? "(development build)" : version)
                    + ", Java " + Runtime.version()};
        }
    }
}
