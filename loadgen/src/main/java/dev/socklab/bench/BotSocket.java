package dev.socklab.bench;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

import dev.socklab.netem.ImpairedLink;
import dev.socklab.netem.PacketSink;

/**
 * A bot's UDP socket: non-blocking, connected to the server so that only its datagrams are read and
 * an ICMP port unreachable shows as an error, on its worker's selector. What the bot sends goes
 * through the run's network conditions, when it has any.
 */
final class BotSocket implements PacketSink {
    private final ImpairedLink link;
    private DatagramChannel channel;
    private boolean straight;

    /** @param link the run's network conditions, or null for none */
    BotSocket(ImpairedLink link) {
        this.link = link;
    }

    /** Opens the socket, connected to {@code target}, registered for reading with {@code attachment}. */
    void open(InetSocketAddress target, Selector selector, Object attachment) throws IOException {
        ProtocolFamily family = target.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        channel = DatagramChannel.open(family);
        channel.configureBlocking(false);
        channel.connect(target);
        channel.register(selector, SelectionKey.OP_READ, attachment);
    }

    @Override
    public void send(ByteBuffer packet) throws IOException {
        if (link == null || straight) {
            // A full send buffer drops the datagram, as the network would: the bot repeats its inputs anyway.
            channel.write(packet);
        } else {
            link.send(packet, channel::write);
        }
    }

    /**
     * From now on sends skip the network conditions: the bots' LEAVEs at the end go at once, since the link's
     * held datagrams end with the run and the server should free the seats now rather than at its timeout.
     */
    void sendStraight() {
        straight = true;
    }

    /** Reads one datagram into {@code into}: its size, or 0 when none is waiting. */
    int read(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a socket that failed already: nothing left to release or report.
            }
        }
    }
}
