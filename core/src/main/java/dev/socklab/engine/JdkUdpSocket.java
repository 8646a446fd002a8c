package dev.socklab.engine;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A blocking UDP socket whose calls park their virtual thread on the JDK's own poller and
 * scheduler: the channel's socket adaptor, whose receive takes a timeout.
 */
final class JdkUdpSocket implements UdpSocket {
    private final DatagramChannel channel;
    private final DatagramSocket socket;

    JdkUdpSocket(DatagramChannel channel) {
        this.channel = channel;
        this.socket = channel.socket();
    }

    @Override
    public DatagramChannel channel() {
        return channel;
    }

    @Override
    public SocketAddress receive(ByteBuffer dst, long waitNanos) throws IOException {
        byte[] array = dst.hasArray() ? dst.array() : new byte[dst.remaining()];
        int offset = dst.hasArray() ? dst.arrayOffset() + dst.position() : 0;
        DatagramPacket packet = new DatagramPacket(array, offset, dst.remaining());
        // At least a millisecond: a timeout of 0 would mean no timeout at all.
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, waitNanos / 1_000_000)));
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (dst.hasArray()) {
            dst.position(dst.position() + packet.getLength());
        } else {
            dst.put(array, 0, packet.getLength());
        }
        return packet.getSocketAddress();
    }

    @Override
    public void send(ByteBuffer src, SocketAddress target) throws IOException {
        int n = src.remaining();
        DatagramPacket packet = src.hasArray()
                ? new DatagramPacket(src.array(), src.arrayOffset() + src.position(), n, target)
                : new DatagramPacket(copy(src), n, target);
        socket.send(packet);
        src.position(src.limit());
    }

    private static byte[] copy(ByteBuffer src) {
        byte[] bytes = new byte[src.remaining()];
        src.duplicate().get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public Thread start(String name, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }
}
