package dev.socklab.testing;

/**
 * What a {@link FaultProxy} does to the bytes going one way, as OkHttp's {@code SocketPolicy}
 * scripts a server: each value is one misbehaviour of a network or a peer. The other way is
 * forwarded faithfully.
 */
public enum Fault {
    /** Forwards each chunk as it is read, after waiting the script's delay: a slow or congested path. */
    DELAY,
    /** Forwards one byte to a segment, {@code TCP_NODELAY} on: every read at the other end may get a single byte. */
    SLICE,
    /** Forwards the first N bytes, then reads and forwards nothing, leaving both connections open: a black hole. */
    STALL,
    /** Forwards the first N bytes, then resets both connections ({@code SO_LINGER} 0, then close): an abort mid-stream. */
    RESET,
    /** Forwards the first N bytes, then closes both connections: a peer that hangs up mid-stream. */
    CLOSE
}
