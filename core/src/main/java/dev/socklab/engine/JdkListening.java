package dev.socklab.engine;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A blocking listening socket, accepted from in a platform thread of its own. */
final class JdkListening implements ListeningSocket {
    private final ServerSocketChannel channel;

    JdkListening(ServerSocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public SocketChannel accept() throws IOException {
        return channel.accept();
    }

    @Override
    public Thread start(String name, Runnable loop) {
        return Thread.ofPlatform().name(name).start(loop);
    }

    /** Closing a blocking channel already ends the accept that waits in it. */
    @Override
    public void closed() {
    }
}
