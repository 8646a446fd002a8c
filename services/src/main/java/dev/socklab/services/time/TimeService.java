package dev.socklab.services.time;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;

/**
 * Time protocol, RFC 868: the seconds since 1900-01-01T00:00Z as a 32-bit big-endian unsigned
 * number. Over TCP the four bytes are sent on accept and the connection closed; over UDP every
 * datagram, an empty one included, is answered with them.
 */
public final class TimeService implements StreamService, DatagramService {
    /** Four bytes, the whole answer. */
    public static final int REPLY_BYTES = 4;
    /** 1900-01-01T00:00Z, where RFC 868 counts from, in seconds before the Unix epoch. */
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;
    /** The count is 32 bits wide, so it starts again every 2^32 seconds (about 136 years). */
    private static final long ERA = 1L << 32;

    private final Clock clock;

    /** A time service telling the time of {@code clock} (its zone does not matter: the count is UTC). */
    public TimeService(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The RFC 868 count for {@code instant}: seconds since 1900-01-01T00:00Z, modulo 2^32. It wraps
     * at 2036-02-07T06:28:16Z, which is 0 again (RFC 868's next era), as clients such as rdate
     * expect; instants before 1900 count back from the end of the previous era.
     *
     * @return a value from 0 to 2^32 - 1
     */
    public static long secondsSince1900(Instant instant) {
        return Math.floorMod(instant.getEpochSecond() + SECONDS_1900_TO_1970, ERA);
    }

    @Override
    public void serve(Connection conn) throws IOException {
        conn.write(now());
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        datagram.reply(now());
    }

    /** Four bytes whatever the request: RFC 868 ignores what the client sends. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return REPLY_BYTES;
    }

    /** Nothing: any bytes before the close would be read as a time. */
    @Override
    public Optional<String> refusalLine(String reason) {
        return Optional.empty();
    }

    private ByteBuffer now() {
        // putInt writes the low 32 bits big-endian: the unsigned count, whatever its sign as an int.
        return ByteBuffer.allocate(REPLY_BYTES).putInt((int) secondsSince1900(clock.instant())).flip();
    }
}
