package dev.socklab.engine;

import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/** Blocking channels on the JDK's own virtual-thread scheduler and poller: socklab's engine before epoll, and its fallback. */
final class JdkEngine implements IoEngine {
    /** Why epoll does not run, when it was wanted but could not. */
    private final Optional<String> fallbackReason;

    JdkEngine(Optional<String> fallbackReason) {
        this.fallbackReason = fallbackReason;
    }

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public String description() {
        return fallbackReason.map(why -> "jdk (epoll unavailable: " + why + ")")
                .orElse("jdk (the JDK's virtual-thread scheduler)");
    }

    @Override
    public StreamSocket adopt(SocketChannel accepted) {
        return new JdkSocket(accepted);
    }

    @Override
    public UdpSocket adopt(DatagramChannel bound) {
        return new JdkUdpSocket(bound);
    }

    @Override
    public ListeningSocket listen(ServerSocketChannel bound) {
        return new JdkListening(bound);
    }

    @Override
    public void close() {
    }
}
