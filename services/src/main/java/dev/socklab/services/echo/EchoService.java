package dev.socklab.services.echo;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;

/**
 * Echo protocol, RFC 862: every byte back, until the client closes. A client that half-closes gets
 * the rest of its bytes back before the server closes. Over UDP, each datagram goes back to its
 * sender.
 */
public final class EchoService implements StreamService, DatagramService {
    /** Bytes echoed per read: what one connection holds at most. */
    private static final int BUFFER = 8192;

    @Override
    public void serve(Connection conn) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        while (conn.read(buffer) >= 0) {
            conn.write(buffer.flip());
            buffer.clear();
        }
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        datagram.reply(datagram.payload());
    }

    /** The request itself: echo never amplifies. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return requestBytes;
    }
}
