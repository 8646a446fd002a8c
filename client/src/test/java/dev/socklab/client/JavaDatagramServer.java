package dev.socklab.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A loopback UDP server on its own thread: it keeps every datagram it gets, and answers each with
 * what {@code answer} makes of it, if anything. Closing it ends the thread.
 */
final class JavaDatagramServer implements AutoCloseable {
    private final DatagramChannel channel;
    private final Function<byte[], Optional<byte[]>> answer;
    private final List<byte[]> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private JavaDatagramServer(DatagramChannel channel, Function<byte[], Optional<byte[]>> answer) {
        this.channel = channel;
        this.answer = answer;
        this.thread = Thread.ofPlatform().daemon().name("datagram-server").start(this::serve);
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port. */
    static JavaDatagramServer start(Function<byte[], Optional<byte[]>> answer) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new JavaDatagramServer(channel, answer);
    }

    /** Starts a server that answers nothing, as a discard server does. */
    static JavaDatagramServer silent() throws IOException {
        return start(request -> Optional.empty());
    }

    /** The port it listens on, at 127.0.0.1. */
    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** The datagrams received so far, in order. */
    List<byte[]> requests() {
        return List.copyOf(requests);
    }

    /** The sizes of the datagrams received so far, in order. */
    List<Integer> sizes() {
        return requests.stream().map(request -> request.length).toList();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        // Room for the largest datagram, so that none is cut and every size is the one sent.
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        try {
            while (channel.isOpen()) {
                SocketAddress sender = channel.receive(buffer.clear());
                byte[] request = Arrays.copyOf(buffer.array(), buffer.position());
                requests.add(request);
                Optional<byte[]> reply = answer.apply(request);
                if (reply.isPresent()) {
                    channel.send(ByteBuffer.wrap(reply.get()), sender);
                }
            }
        } catch (IOException e) {
            // Closed by the test: done.
        }
    }
}
