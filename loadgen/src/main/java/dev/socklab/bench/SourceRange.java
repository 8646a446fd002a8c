package dev.socklab.bench;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;

/**
 * Source addresses for a run's sockets, taken in turn from a range of 127.0.0.0/8
 * ({@code --source-range 127.0.0.2-127.0.0.254}). A connection is named by its four-tuple, and
 * a client has about 28,000 ephemeral ports per source address; binding each socket to the
 * next address of the range before it connects multiplies that by the range's size, so that tens
 * of thousands of connections to one server port fit. Loopback only: binding to another local
 * address would put the load on a real network. Thread-safe.
 */
public final class SourceRange {
    private static final int LOOPBACK_NET = 127 << 24;
    private static final int LOWEST = LOOPBACK_NET + 1;
    private static final int HIGHEST = LOOPBACK_NET + 0xFF_FF_FE;
    private static final String HINT = "source addresses must lie in 127.0.0.1-127.255.255.254, such as 127.0.0.2-127.0.0.254";

    private final int first;
    private final int last;
    private final AtomicLong turn = new AtomicLong();

    private SourceRange(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /**
     * Reads {@code FIRST-LAST} (or one address) of IPv4 loopback addresses.
     *
     * @throws BenchPlanException if it is malformed, not IPv4, reversed, or not all within 127.0.0.0/8
     */
    public static SourceRange parse(String text) {
        String[] ends = text.strip().split("-", -1);
        if (ends.length > 2 || ends[0].isBlank() || ends[ends.length - 1].isBlank()) {
            throw new BenchPlanException("--source-range '" + text + "' is not a range: write it FIRST-LAST, "
                    + "such as 127.0.0.2-127.0.0.254");
        }
        int first = address(ends[0], text);
        int last = address(ends[ends.length - 1], text);
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new BenchPlanException("--source-range " + text + " runs backwards: write the lower address first");
        }
        if (Integer.compareUnsigned(first, LOWEST) < 0 || Integer.compareUnsigned(last, HIGHEST) > 0) {
            throw new BenchPlanException("--source-range " + text + " is not on loopback: " + HINT);
        }
        return new SourceRange(first, last);
    }

    private static int address(String end, String whole) {
        Host host;
        try {
            host = Host.parse(end);
        } catch (AddressException e) {
            throw new BenchPlanException("--source-range " + whole + ": " + e.getMessage());
        }
        if (!(host instanceof Host.Literal literal) || !(literal.address() instanceof Inet4Address v4)) {
            throw new BenchPlanException("--source-range " + whole + " must be IPv4 addresses, not '" + end
                    + "': " + HINT);
        }
        byte[] b = v4.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    /** How many addresses the range holds. */
    public int size() {
        return last - first + 1;
    }

    /** Whether {@code address} is in the range. */
    public boolean contains(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        int value = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
        return Integer.compareUnsigned(value, first) >= 0 && Integer.compareUnsigned(value, last) <= 0;
    }

    /** The next address in turn, with port 0 for the kernel to choose, to bind a socket to before it connects. */
    InetSocketAddress next() {
        int value = first + (int) (turn.getAndIncrement() % size());
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** {@code 127.0.0.2-127.0.0.254}. */
    @Override
    public String toString() {
        return text(first) + "-" + text(last);
    }

    private static String text(int v) {
        return (v >>> 24) + "." + (v >>> 16 & 0xFF) + "." + (v >>> 8 & 0xFF) + "." + (v & 0xFF);
    }
}
