package dev.socklab.services.discard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;

/**
 * Discard protocol, RFC 863: everything the client sends is read and thrown away, until it closes;
 * nothing is ever sent back, over TCP or UDP.
 */
public final class DiscardService implements StreamService, DatagramService {
    /** Bytes read at a time: all one connection holds, however much the client sends. */
    private static final int BUFFER = 8192;

    @Override
    public void serve(Connection conn) throws IOException {
        // Each connection reads into a buffer of its own: under --trace the runtime shows what was read.
        ByteBuffer sink = ByteBuffer.allocate(BUFFER);
        while (conn.read(sink) >= 0) {
            sink.clear();
        }
    }

    @Override
    public void serve(Datagram datagram) {
        // RFC 863: "A datagram is received and discarded"; the runtime logs it as "no reply".
    }

    /** Nothing is ever sent back, so nothing can be reflected. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return 0;
    }

    /** Nothing: the protocol never sends, and a client may not be reading. */
    @Override
    public Optional<String> refusalLine(String reason) {
        return Optional.empty();
    }

    /** Its first call is a read: an idle connection need not hold a thread until its client sends. */
    @Override
    public boolean clientSpeaksFirst() {
        return true;
    }
}
