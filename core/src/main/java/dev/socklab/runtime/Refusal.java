package dev.socklab.runtime;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** The one line a client turned away by a limit is told, sent without ever blocking. */
final class Refusal {
    private Refusal() {
    }

    /** Writes what fits in the socket buffer at once: a client that does not read gets nothing, not a stuck thread. */
    static void tell(SocketChannel channel, String line) {
        try {
            channel.configureBlocking(false);
            channel.write(TextLine.of(line));
        } catch (IOException e) {
            // The client is gone or not reading: the line was a courtesy, the close is what counts.
        }
    }
}
