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
    /** What a connection starts with, and holds while idle: enough for a request-response exchange. */
    private static final int FIRST_BUFFER = 512;
    /** What a connection that streams grows to, and holds at most. */
    private static final int MAX_BUFFER = 64 * 1024;

    @Override
    public void serve(Connection conn) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(FIRST_BUFFER);
        int n;
        while ((n = conn.read(buffer)) >= 0) {
            conn.write(buffer.flip());
            // A read that filled the buffer means more is coming than it holds: read more at a time.
            buffer = n == buffer.capacity() && n < MAX_BUFFER ? ByteBuffer.allocate(n * 2) : buffer.clear();
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

    /** Its first call is a read: an idle connection need not hold a thread until its client sends. */
    @Override
    public boolean clientSpeaksFirst() {
        return true;
    }
}
