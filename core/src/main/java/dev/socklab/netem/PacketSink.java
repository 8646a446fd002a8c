package dev.socklab.netem;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where an {@link ImpairedLink} puts each datagram that gets through: a socket's send, in the end. */
@FunctionalInterface
public interface PacketSink {
    /** Sends what remains of {@code packet} as one datagram. */
    void send(ByteBuffer packet) throws IOException;
}
