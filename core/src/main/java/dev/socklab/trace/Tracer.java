package dev.socklab.trace;

import java.io.PrintStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import dev.socklab.net.SocketAddresses;

/**
 * Prints every socket call, one line each, in the lab's vocabulary (socket, bind, listen, accept,
 * connect, getsockname, recv, send, recvfrom, sendto, shutdown, close), tagged with who made it:
 *
 * <pre>
 * 10:15:03.201 trace hello/tcp  accept() = hello#1 from 127.0.0.1:53422
 * 10:15:03.202 trace hello#1    send(14) = 14 "Hello World!\r\n"
 * 10:15:03.202 trace hello#1    close()
 * </pre>
 *
 * <p>Callers check {@link #enabled()} before building anything costly, so a server without
 * {@code --trace} pays one field read per call.
 */
public final class Tracer {
    private static final Tracer OFF = new Tracer(null);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** Tags are padded to this width so that the calls line up in a column. */
    private static final int TAG_WIDTH = 10;

    private final PrintStream out;

    private Tracer(PrintStream out) {
        this.out = out;
    }

    /** A tracer that prints nothing. */
    public static Tracer off() {
        return OFF;
    }

    /** A tracer that prints each call as one line on {@code out}. */
    public static Tracer printingTo(PrintStream out) {
        return new Tracer(out);
    }

    /** Whether calls are printed at all. */
    public boolean enabled() {
        return out != null;
    }

    /** One socket call, already written out: {@code bind(127.0.0.1:10000)}. */
    public void call(String who, String call) {
        if (out == null) {
            return;
        }
        String line = TIME.format(LocalTime.now()) + " trace " + pad(who) + " " + call;
        out.println(line);
    }

    /**
     * A call that moved bytes: {@code send(14) = 14 "Hello World!\r\n"}. {@code data} holds the bytes
     * moved, from its position to its limit, and is not changed.
     */
    public void io(String who, String op, int asked, int result, ByteBuffer data) {
        if (out == null) {
            return;
        }
        String call = op + "(" + asked + ") = " + result;
        call(who, result > 0 ? call + " " + Preview.of(data) : result == 0 ? call : call + " (EOF)");
    }

    /** A datagram call: {@code recvfrom(65536) = 5 from 127.0.0.1:40000 "hello"}. */
    public void datagram(String who, String op, int asked, ByteBuffer data, String direction, SocketAddress peer) {
        if (out == null) {
            return;
        }
        call(who, op + "(" + asked + ") = " + data.remaining() + " " + direction + " "
                + SocketAddresses.format(peer) + " " + Preview.of(data));
    }

    private static String pad(String who) {
        return who.length() >= TAG_WIDTH ? who : who + " ".repeat(TAG_WIDTH - who.length());
    }
}
