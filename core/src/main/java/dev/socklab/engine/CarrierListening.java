package dev.socklab.engine;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking listening socket in a carrier's epoll set, whose accept loop is a virtual thread
 * of that carrier: it accepts until the backlog is empty, then parks until a connection comes.
 * A connection it hands to the same carrier starts there with no hand-off between threads.
 */
final class CarrierListening implements ListeningSocket {
    private final Carrier carrier;
    private final ServerSocketChannel channel;
    private final Readiness readiness;

    CarrierListening(Carrier carrier, ServerSocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        this.carrier = carrier;
        this.channel = channel;
        this.readiness = new Readiness(carrier, ChannelFd.of(channel));
    }

    @Override
    public SocketChannel accept() throws IOException {
        for (;;) {
            SocketChannel accepted = channel.accept();
            if (accepted != null) {
                return accepted;
            }
            readiness.awaitReadable(0);
        }
    }

    @Override
    public Thread start(String name, Runnable loop) {
        Thread thread = carrier.newThread(name, loop);
        thread.start();
        return thread;
    }

    @Override
    public void closed() {
        readiness.closed();
    }
}
