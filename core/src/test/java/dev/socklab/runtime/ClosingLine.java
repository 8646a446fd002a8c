package dev.socklab.runtime;

import java.io.IOException;

import dev.socklab.net.SocketAddresses;
import dev.socklab.testing.RawClient;

/** The start of a connection's closing log line, as {@link ConnectionTask} writes it. */
final class ClosingLine {
    private ClosingLine() {
    }

    /** {@code hello#1 tcp 127.0.0.1:53422 -> 127.0.0.1:10000 closed by server}, then the detail and counts follow. */
    static String of(String tag, Endpoint bound, RawClient client, String outcome) throws IOException {
        return tag + " " + bound.transport().label() + " " + SocketAddresses.format(client.local()) + " -> "
                + SocketAddresses.format(bound.address()) + " " + outcome;
    }
}
