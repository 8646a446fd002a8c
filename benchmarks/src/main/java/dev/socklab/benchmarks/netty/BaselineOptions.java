package dev.socklab.benchmarks.netty;

import java.util.OptionalInt;

/**
 * The Netty baseline's command line: where to listen, and a port for each service to serve
 * (0 for any free one). At least one service must be named.
 *
 * @param bind    the address to listen on, loopback unless told otherwise
 * @param echo    the TCP echo port, if served
 * @param hello   the TCP greeting port, if served
 * @param udpEcho the UDP echo port, if served
 */
public record BaselineOptions(String bind, OptionalInt echo, OptionalInt hello, OptionalInt udpEcho) {
    /** One line of usage, printed after a command-line mistake. */
    public static final String USAGE =
            "usage: NettyBaseline [--bind 127.0.0.1] [--echo PORT] [--hello PORT] [--udp-echo PORT]";
    private static final int MAX_PORT = 65535;

    /**
     * Reads {@code --bind ADDR --echo PORT --hello PORT --udp-echo PORT}, each also as {@code --name=value}.
     *
     * @throws IllegalArgumentException with a one-sentence message for an unknown option, a bad port, or no service
     */
    public static BaselineOptions parse(String... args) {
        String bind = "127.0.0.1";
        OptionalInt echo = OptionalInt.empty();
        OptionalInt hello = OptionalInt.empty();
        OptionalInt udpEcho = OptionalInt.empty();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--bind" -> bind = value;
                case "--echo" -> echo = OptionalInt.of(port(name, value));
                case "--hello" -> hello = OptionalInt.of(port(name, value));
                case "--udp-echo" -> udpEcho = OptionalInt.of(port(name, value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (echo.isEmpty() && hello.isEmpty() && udpEcho.isEmpty()) {
            throw new IllegalArgumentException("no service to serve: give --echo, --hello or --udp-echo a port");
        }
        return new BaselineOptions(bind, echo, hello, udpEcho);
    }

    private static int port(String option, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the rest
        }
        throw new IllegalArgumentException(option + " takes a port from 0 to " + MAX_PORT + ", not '" + text + "'");
    }
}
