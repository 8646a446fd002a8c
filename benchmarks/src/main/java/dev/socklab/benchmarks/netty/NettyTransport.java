package dev.socklab.benchmarks.netty;

import java.util.Locale;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The Netty transport the baseline runs on: the only place that knows which one it is. */
enum NettyTransport {
    /** Linux epoll through Netty's native library: Netty at its fastest. */
    EPOLL {
        @Override
        EventLoopGroup newGroup(int threads) {
            return new EpollEventLoopGroup(threads);
        }

        @Override
        Class<? extends ServerSocketChannel> serverChannel() {
            return EpollServerSocketChannel.class;
        }

        @Override
        Class<? extends DatagramChannel> datagramChannel() {
            return EpollDatagramChannel.class;
        }
    },
    /** The JDK's selector, where the native library cannot load. */
    NIO {
        @Override
        EventLoopGroup newGroup(int threads) {
            return new NioEventLoopGroup(threads);
        }

        @Override
        Class<? extends ServerSocketChannel> serverChannel() {
            return NioServerSocketChannel.class;
        }

        @Override
        Class<? extends DatagramChannel> datagramChannel() {
            return NioDatagramChannel.class;
        }
    };

    /** Epoll when its native library loads on this machine, NIO otherwise. */
    static NettyTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** Why epoll is not used, for the start-up line; empty when it is. */
    static String whyNotEpoll() {
        Throwable cause = Epoll.unavailabilityCause();
        return cause == null ? "" : String.valueOf(cause.getMessage());
    }

    abstract EventLoopGroup newGroup(int threads);

    abstract Class<? extends ServerSocketChannel> serverChannel();

    abstract Class<? extends DatagramChannel> datagramChannel();

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
