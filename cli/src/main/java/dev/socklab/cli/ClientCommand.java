package dev.socklab.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every client command of one service has: {@code [HOST] [PORT]}, the client options,
 * {@code --udp}, and its output. Chat, which has no UDP side, is not one.
 */
abstract class ClientCommand implements Callable<Integer>, ServerText.Printer {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerAddress server;

    @Mixin
    ClientOptions options;

    @Mixin
    UdpOption transport;

    /** How the server's text is printed: made visible when standard output is a terminal. */
    ServerText serverText = ServerText.forStandardOutput();

    @Override
    public void serverText(ServerText how) {
        serverText = how;
    }

    /** The service this command is the client of: its name tags the trace and gives the default port. */
    abstract String service();

    /** Connects to the server as the options say, holds one of the two conversations, and closes. */
    final <T> T talk(ClientOptions.OverStream<T> stream, ClientOptions.OverDatagrams<T> datagrams) throws IOException {
        return options.talk(server.host(), server.port(service()), service(), transport.udp, stream, datagrams);
    }

    /** Prints text the server sent as one line of the command's output, as {@link #serverText} shows it. */
    final int printServerText(String text) {
        return print(serverText.shown(text));
    }

    /** Prints the answer as one line of the command's output. */
    final int print(String answer) {
        spec.commandLine().getOut().println(answer);
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code;
    }
}
