package dev.socklab.benchmarks.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.internal.PlatformDependent;

/**
 * The running Netty baseline: one event-loop group of {@link #EVENT_LOOP_THREADS} threads that
 * accepts and serves every listener, with Netty's defaults otherwise (pooled buffers, direct where
 * Netty prefers them), and TCP_NODELAY as socklab sets it.
 */
public final class BaselineServer implements AutoCloseable {
    /** Event-loop threads: as many as the cores a benchmark gives a server, and no more. */
    public static final int EVENT_LOOP_THREADS = 2;
    /** Where each Netty jar records its version. */
    private static final String VERSIONS = "META-INF/io.netty.versions.properties";

    private final EventLoopGroup group;
    private final List<Channel> listeners = new ArrayList<>();
    private boolean closed;

    /** A listener could not bind: the port is taken, or the address is not this machine's. */
    public static final class BindException extends Exception {
        BindException(String message) {
            super(message);
        }
    }

    private BaselineServer(EventLoopGroup group) {
        this.group = group;
    }

    /**
     * Binds every service {@code options} names and prints what it runs on, then a line per
     * listener: {@code netty echo tcp 127.0.0.1:40001}, with the port actually bound.
     *
     * @throws BindException if a listener cannot bind; nothing is left running then
     */
    public static BaselineServer start(BaselineOptions options, PrintStream out) throws BindException {
        NettyTransport transport = NettyTransport.best();
        out.println(describe(transport));
        BaselineServer server = new BaselineServer(transport.newGroup(EVENT_LOOP_THREADS));
        try {
            if (options.echo().isPresent()) {
                server.listen(out, "echo tcp", tcp(server.group, transport, new EchoHandler()),
                        new InetSocketAddress(options.bind(), options.echo().getAsInt()));
            }
            if (options.hello().isPresent()) {
                server.listen(out, "hello tcp", tcp(server.group, transport, new HelloHandler()),
                        new InetSocketAddress(options.bind(), options.hello().getAsInt()));
            }
            if (options.tlsEcho().isPresent()) {
                TlsEchoInitializer tls = TlsEchoInitializer.of(options.tlsFiles().orElseThrow(
                        () -> new IllegalArgumentException("the TLS echo needs --tls-cert and --tls-key")));
                server.listen(out, "echo tls", tcp(server.group, transport, tls),
                        new InetSocketAddress(options.bind(), options.tlsEcho().getAsInt()));
            }
            if (options.udpEcho().isPresent()) {
                // One datagram socket is served by one event loop, as one socket is in socklab.
                Bootstrap udp = new Bootstrap().group(server.group).channel(transport.datagramChannel())
                        .handler(new UdpEchoHandler());
                server.listen(out, "echo udp", udp, new InetSocketAddress(options.bind(), options.udpEcho().getAsInt()));
            }
        } catch (BindException | RuntimeException e) {
            server.close();
            throw e;
        }
        out.flush();
        return server;
    }

    private static ServerBootstrap tcp(EventLoopGroup group, NettyTransport transport, ChannelHandler handler) {
        return new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(handler);
    }

    private void listen(PrintStream out, String what, AbstractBootstrap<?, ?> bootstrap, InetSocketAddress address)
            throws BindException {
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new BindException("cannot serve " + what + " on " + text(address) + ": " + bound.cause().getMessage());
        }
        listeners.add(bound.channel());
        out.println("netty " + what + " " + text((InetSocketAddress) bound.channel().localAddress()));
    }

    /** Closes the listeners and stops the event loops, ending open connections; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** The start-up line: the Netty version, the transport and why, threads, and buffers. */
    private static String describe(NettyTransport transport) {
        String why = transport == NettyTransport.EPOLL ? "" : " (epoll unavailable: " + NettyTransport.whyNotEpoll() + ")";
        return "netty " + version() + " on " + transport + why + ", " + EVENT_LOOP_THREADS + " event-loop threads"
                + ", TCP_NODELAY, " + ByteBufAllocator.DEFAULT.getClass().getSimpleName()
                + (PlatformDependent.directBufferPreferred() ? " (direct)" : " (heap)");
    }

    /**
     * Netty's version as its jars declare it, such as {@code 4.1.137.Final}. Read from the file
     * {@code io.netty.util.Version} reads, without loading Netty's platform probing, which a
     * process that only reports the version has no use for (and which warns on recent JDKs).
     */
    public static String version() {
        try {
            Enumeration<URL> files = BaselineServer.class.getClassLoader().getResources(VERSIONS);
            while (files.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    p.load(in);
                }
                String v = p.getProperty("netty-transport.version");
                if (v != null) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: a report without the version is still a report
        }
        return "unknown";
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
