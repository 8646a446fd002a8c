package dev.socklab.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;

import dev.socklab.engine.StreamSocket;
import dev.socklab.text.Durations;
import dev.socklab.trace.Tracer;

/** A {@link ChannelWire} under {@code --trace}: each socket call, as it returns, is one line of the trace. */
final class TracedWire extends ChannelWire {
    /** The most of a gathering write that the trace's preview is built from. */
    private static final int MAX_PREVIEW_COPY = 64 * 1024;

    private final Tracer tracer;
    /** What hides the service's secrets from the trace; null when it has none. */
    private TraceRedaction redaction;

    TracedWire(StreamSocket socket, String tag, Logger log, Tracer tracer, ListenerCounts counts) {
        super(socket, tag, log, counts);
        this.tracer = tracer;
    }

    @Override
    void lingerZero() throws IOException {
        super.lingerZero();
        tracer.call(tag, "setsockopt(SO_LINGER, 0)");
    }

    /** Hides the rest of each received line that begins with one of {@code prefixes}; set before the service runs. */
    void redact(List<String> prefixes) {
        this.redaction = new TraceRedaction(prefixes);
    }

    private ByteBuffer shown(ByteBuffer received) {
        return redaction == null ? received : redaction.hide(received);
    }

    @Override
    int recv(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = super.recv(dst);
        tracer.io(tag, "recv", dst.remaining() + Math.max(n, 0), n, shown(dst.duplicate().flip().position(start)));
        return n;
    }

    /** A read that gave up after its wait was traced as such by {@link #nothingCame}. */
    @Override
    int recv(ByteBuffer dst, Duration wait) throws IOException {
        int start = dst.position();
        int n = super.recv(dst, wait);
        if (n != 0) {
            tracer.io(tag, "recv", dst.remaining() + Math.max(n, 0), n, shown(dst.duplicate().flip().position(start)));
        }
        return n;
    }

    @Override
    void send(ByteBuffer src) throws IOException {
        int start = src.position();
        super.send(src);
        int n = src.position() - start;
        tracer.io(tag, "send", n, n, src.duplicate().position(start));
    }

    @Override
    long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        ByteBuffer before = head.duplicate();
        long n = super.sendFile(head, file, position, count);
        int fromHead = head.position() - before.position();
        if (fromHead > 0) {
            tracer.io(tag, "send", fromHead, fromHead, before.limit(head.position()));
        }
        tracer.call(tag, "sendfile(offset=" + position + ", " + count + ") = " + n);
        return n;
    }

    @Override
    long sendGathering(ByteBuffer[] batch, int first) throws IOException {
        ByteBuffer[] before = duplicates(batch, first);
        long n = super.sendGathering(batch, first);
        tracer.io(tag, "writev", (int) n, (int) n, taken(before, n));
        return n;
    }

    @Override
    void shutdownOutput() throws IOException {
        super.shutdownOutput();
        tracer.call(tag, "shutdown(SHUT_WR)");
    }

    @Override
    void shutdownInput() throws IOException {
        super.shutdownInput();
        tracer.call(tag, "shutdown(SHUT_RD)");
    }

    @Override
    void nothingCame(int asked, Duration wait) {
        tracer.call(tag, "recv(" + asked + ") = EAGAIN (nothing for " + Durations.format(wait) + ")");
    }

    private static ByteBuffer[] duplicates(ByteBuffer[] batch, int first) {
        ByteBuffer[] copies = new ByteBuffer[batch.length - first];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = batch[first + i].duplicate();
        }
        return copies;
    }

    /** The first {@code n} bytes of {@code buffers}, as one buffer for the trace's preview (which shows the start of it). */
    private static ByteBuffer taken(ByteBuffer[] buffers, long n) {
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(n, MAX_PREVIEW_COPY));
        for (ByteBuffer b : buffers) {
            if (!all.hasRemaining()) {
                break;
            }
            all.put(b.limit(b.position() + Math.min(b.remaining(), all.remaining())));
        }
        return all.flip();
    }
}
