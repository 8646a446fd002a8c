package dev.socklab.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.DatagramService;
import dev.socklab.text.Durations;

/**
 * A UDP socket and its receive loop, on one platform thread: each datagram is handed to the
 * service in turn, into one reused buffer that holds the largest UDP payload. Whatever one
 * datagram does to the service, the loop logs it and goes on with the next.
 */
final class DatagramReceiver extends Listener {
    /** The largest payload a UDP datagram can carry over IPv4 (65,535 less the IP and UDP headers), rounded up. */
    private static final int MAX_DATAGRAM = 65_536;

    private final DatagramService handler;
    /** The service's {@link DatagramService#logsEachDatagram}, asked once. */
    private final boolean logsEachDatagram;
    private final Logger serviceLog;
    private final ThrottledLog receiveFailures;
    /** The socket the process inherited, to serve instead of binding one. */
    private final Optional<DatagramChannel> inherited;
    private DatagramChannel channel;

    DatagramReceiver(String service, DatagramService handler, Endpoint requested, ServerContext context) {
        this(service, handler, requested, Optional.empty(), context);
    }

    /** A receiver on {@code inherited}, a socket bound at {@code requested} already. */
    DatagramReceiver(String service, DatagramService handler, Endpoint requested, Optional<DatagramChannel> inherited,
                     ServerContext context) {
        super(service, requested, context);
        this.handler = handler;
        this.inherited = inherited;
        this.logsEachDatagram = handler.logsEachDatagram();
        this.serviceLog = LoggerFactory.getLogger("socklab.service." + service);
        this.receiveFailures = new ThrottledLog(LOG, TimeUnit.SECONDS.toNanos(1));
    }

    /** The service this socket serves, which may serve other sockets too. */
    @Override
    DatagramService handler() {
        return handler;
    }

    @Override
    void bind() throws IOException {
        SocketAddress address = requested.address();
        int receiveBuffer = handler.receiveBufferBytes();
        if (inherited.isPresent()) {
            channel = inherit(inherited.get());
            if (receiveBuffer > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
        } else {
            context.tracer.call(tag, SocketNames.socketCall(address, false));
            channel = bind(DatagramChannel.open(SocketNames.family(address)), opened -> {
                if (receiveBuffer > 0) {
                    opened.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
                }
                opened.bind(address);
            });
        }
        context.guard.addOwnPort(((InetSocketAddress) binding().endpoint().address()).getPort());
    }

    /** The receive buffer the kernel gave this socket, as {@code getsockopt(SO_RCVBUF)} reads it. */
    int receiveBuffer() throws IOException {
        return channel.getOption(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    void start() {
        Thread.ofPlatform().name(tag + " receive " + SocketAddresses.format(binding().endpoint().address()))
                .start(this::receiveLoop);
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        SocketAddress local = binding().endpoint().address();
        ServiceGate gate = context.gate(service);
        while (!closing) {
            buffer.clear();
            SocketAddress sender;
            try {
                sender = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                // Not a datagram's fault (the socket itself failed): do not spin on it.
                receiveFailures.warn(tag + ": recvfrom() failed (" + e.getMessage() + ")");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                continue;
            }
            buffer.flip();
            counts.received(buffer.remaining());
            if (context.tracer.enabled()) {
                context.tracer.datagram(tag, "recvfrom", MAX_DATAGRAM, buffer.duplicate(), "from", sender);
            }
            if (sender instanceof InetSocketAddress inet && !context.family.admits(inet.getAddress())) {
                counts.refusals.wrongFamilyDatagram();
                continue;
            }
            if (!gate.admitsDatagram(sender, tag, counts.refusals)) {
                continue;
            }
            if (!context.guard.admits(sender, buffer, tag)) {
                (context.guard.fromLoopPort(sender) ? counts.droppedFromLoopPorts : counts.droppedInLoops).increment();
                continue;
            }
            try {
                serve(buffer, sender, local);
            } catch (RuntimeException | Error e) {
                // A bug outside the service's serve (its declared bound, say) must not end the loop either.
                LOG.error("{}: a datagram from {} could not be served: a bug in the {} service", tag,
                        SocketAddresses.format(sender), service, e);
            }
        }
    }

    private void serve(ByteBuffer buffer, SocketAddress sender, SocketAddress local) {
        long start = System.nanoTime();
        String peer = SocketAddresses.format(sender);
        MDC.put("conn", tag + " " + peer);
        int size = buffer.remaining();
        ServerDatagram datagram = new ServerDatagram(service, handler, channel, buffer, sender, local, tag, handler.maxReplyBytes(size),
                context, serviceLog, counts);
        String outcome;
        boolean failed = true;
        try {
            handler.serve(datagram);
            outcome = datagram.opened() != null ? "opened " + datagram.opened()
                    : datagram.replies() > 0 ? "answered" : "no reply";
            failed = false;
        } catch (IOException e) {
            outcome = "reply failed: " + e.getMessage();
        } catch (RuntimeException | Error e) {
            outcome = "error: " + e;
            serviceLog.error("{} crashed on a datagram from {}: a bug in the {} service", tag, peer, service, e);
        }
        MDC.remove("conn");
        if (!failed && !logsEachDatagram
                || datagram.replies() == 0 && datagram.droppedOverRate() > 0 || !context.connectionLog.admit()) {
            return;
        }
        context.connectionLog.write(tag + " " + peer + " -> " + SocketAddresses.format(local) + " " + outcome + " (in "
                + size + " B, out " + datagram.bytesOut() + " B, " + Durations.elapsed(System.nanoTime() - start) + ")");
    }
}
