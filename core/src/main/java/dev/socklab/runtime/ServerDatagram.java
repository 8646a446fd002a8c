package dev.socklab.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;

import dev.socklab.service.Datagram;
import dev.socklab.trace.Tracer;

/** A received datagram as a {@link dev.socklab.service.DatagramService} sees it; replies go out on the receiving socket. */
final class ServerDatagram implements Datagram {
    private final DatagramChannel channel;
    private final ByteBuffer payload;
    private final SocketAddress sender;
    private final SocketAddress local;
    private final String tag;
    private final Tracer tracer;
    private final Logger log;
    private long bytesOut;
    private int replies;

    ServerDatagram(DatagramChannel channel, ByteBuffer payload, SocketAddress sender, SocketAddress local,
                   String tag, Tracer tracer, Logger log) {
        this.channel = channel;
        this.payload = payload.asReadOnlyBuffer();
        this.sender = sender;
        this.local = local;
        this.tag = tag;
        this.tracer = tracer;
        this.log = log;
    }

    @Override
    public SocketAddress sender() {
        return sender;
    }

    @Override
    public SocketAddress local() {
        return local;
    }

    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    @Override
    public String text() {
        return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
    }

    @Override
    public void reply(ByteBuffer src) throws IOException {
        ByteBuffer view = src.duplicate();
        int n = channel.send(src, sender);
        bytesOut += n;
        replies++;
        if (tracer.enabled()) {
            tracer.datagram(tag, "sendto", view.remaining(), view.limit(view.position() + n), "to", sender);
        }
    }

    @Override
    public void reply(byte[] bytes) throws IOException {
        reply(ByteBuffer.wrap(bytes));
    }

    @Override
    public void reply(String text) throws IOException {
        reply(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Logger log() {
        return log;
    }

    long bytesOut() {
        return bytesOut;
    }

    int replies() {
        return replies;
    }
}
