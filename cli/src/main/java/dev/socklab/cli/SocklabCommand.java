package dev.socklab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top of the command tree: {@code socklab COMMAND}. */
@Command(name = "socklab", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Socket services toolkit: a server for small network services over TCP, UDP and Unix",
                "sockets, and a client for each."},
        subcommands = {ServeCommand.class, ServicesCommand.class, HelloCommand.class, EchoCommand.class,
                DaytimeCommand.class, LookupCommand.Arp.class, LookupCommand.Rarp.class, TimeCommand.class,
                DiscardCommand.class, ChargenCommand.class, QotdCommand.class, ChatCommand.class, BenchCommand.class},
        footer = {"", "Examples:",
                "  socklab serve                    start every service on loopback",
                "  socklab hello                    fetch the greeting from localhost",
                "  socklab daytime                  fetch the date, then acknowledge it",
                "  socklab arp 10.0.0.1             look up a hardware address",
                "  socklab time                     the server's clock and its offset from this one",
                "  socklab chat --nick alice        talk in a chat room",
                "  socklab services                 list the services and their ports",
                "", "Exit codes: 0 done, 1 bug, 2 bad command line, 3 cannot bind,",
                "            4 cannot connect or connection failed, 5 no answer in time"})
final class SocklabCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
