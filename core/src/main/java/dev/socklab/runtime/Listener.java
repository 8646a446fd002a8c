package dev.socklab.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.net.SocketAddresses;

/**
 * A bound socket and the loop that serves it: the accept loop of a stream socket, the receive
 * loop of a datagram socket. Holds what both share: the service, the endpoint, the traced bind
 * and close.
 */
abstract sealed class Listener permits StreamListener, DatagramReceiver {
    static final Logger LOG = LoggerFactory.getLogger("socklab.listener");

    final String service;
    final Endpoint requested;
    final ServerContext context;
    /** How trace and log lines name this socket: {@code hello/tcp}. */
    final String tag;
    /** What this socket, and what it started, have done so far. */
    final ListenerCounts counts;
    /** Set before the socket is closed, so that the loop takes the failure it sees for the end it is. */
    volatile boolean closing;
    private NetworkChannel channel;
    private Binding binding;

    Listener(String service, Endpoint requested, ServerContext context) {
        this.service = service;
        this.requested = requested;
        this.context = context;
        this.tag = service + "/" + requested.label();
        this.counts = new ListenerCounts(context.refusals);
    }

    /** What it has done so far; the server must be started. */
    final ListenerStats stats() {
        return counts.snapshot(binding);
    }

    /** Creates and binds the socket; on failure nothing stays open. */
    abstract void bind() throws IOException;

    /** Starts the loop in a thread of its own. */
    abstract void start();

    /** The service half it hands its connections or datagrams to. */
    abstract Object handler();

    /** The name of the service it serves. */
    final String service() {
        return service;
    }

    /** The endpoint asked for, perhaps with port 0. */
    final Endpoint requested() {
        return requested;
    }

    /** The endpoint actually bound (with the system's port where 0 was asked for). */
    final Binding binding() {
        return binding;
    }

    /** Closes the socket, which ends the loop; accepted connections are not touched. */
    void close() {
        closing = true;
        try {
            channel.close();
            context.tracer.call(tag, "close()");
        } catch (IOException e) {
            LOG.debug("closing {} failed: {}", tag, e.toString());
        }
    }

    /** What binds a freshly opened socket: options, then {@code bind}. */
    @FunctionalInterface
    interface Binder<C extends NetworkChannel> {
        void bind(C channel) throws IOException;
    }

    /**
     * Binds {@code opened} with {@code binder}, tracing {@code bind} and closing the socket if it
     * fails, and records the address the system gave.
     */
    final <C extends NetworkChannel> C bind(C opened, Binder<C> binder) throws IOException {
        SocketAddress address = requested.address();
        try {
            binder.bind(opened);
        } catch (IOException | RuntimeException e) {
            context.tracer.call(tag, "bind(" + SocketAddresses.format(address) + ") failed: " + e.getMessage());
            opened.close();
            throw e;
        }
        SocketAddress bound = opened.getLocalAddress();
        context.tracer.call(tag, "bind(" + SocketAddresses.format(bound) + ")");
        channel = opened;
        binding = new Binding(service, requested.at(bound));
        return opened;
    }
}
