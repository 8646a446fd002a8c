package dev.socklab.services.qotd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;

/**
 * Quote of the Day protocol, RFC 865: one short quote, under 512 bytes. Over TCP the quote is sent
 * on accept and the connection closed, whatever the client sends. Over UDP each datagram is
 * answered with the quote, cut to at most the request's size times the amplification factor (at
 * a UTF-8 character boundary), so that the service cannot be used to amplify traffic: with a
 * factor of 1 an empty datagram gets an empty one back, and a request of 512 bytes gets any quote
 * whole.
 */
public final class QotdService implements StreamService, DatagramService, Reloadable {
    /** The quotes and how they are picked, swapped whole by a reload. */
    private volatile Picking picking;
    private final Clock clock;
    /** Changed by a reload: datagrams from then on are held to the new factor. */
    private volatile int amplification;

    /**
     * A service telling {@code quotes}, picked as {@code mode} says; {@code clock}'s zone decides
     * when a day begins in {@link QotdMode#DAILY} mode.
     *
     * @throws IllegalArgumentException if {@code amplification} is less than 1
     */
    public QotdService(Quotes quotes, QotdMode mode, Clock clock, int amplification) {
        if (amplification < 1) {
            throw new IllegalArgumentException("the qotd amplification factor must be at least 1, not " + amplification);
        }
        this.picking = new Picking(quotes, mode);
        this.clock = Objects.requireNonNull(clock);
        this.amplification = amplification;
    }

    /** What it tells, and how it picks. */
    private record Picking(Quotes quotes, QotdMode mode) {
        Picking {
            Objects.requireNonNull(quotes);
            Objects.requireNonNull(mode);
        }
    }

    /**
     * Reads the quotes again (the file may have changed though its name did not), the mode and the
     * amplification factor; the next quote is picked from them, and the next datagram held to it.
     */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        Picking before = picking;
        Picking next = new Picking(fresh.quotes(), fresh.qotdMode());
        List<String> changes = new ArrayList<>();
        if (!next.quotes().equals(before.quotes())) {
            changes.add("qotd: --quotes: read again, " + next.quotes().size() + " (were " + before.quotes().size() + ")");
        }
        if (next.mode() != before.mode()) {
            changes.add("qotd: --qotd-mode: " + before.mode().name().toLowerCase(Locale.ROOT) + " -> " + next.mode().name().toLowerCase(Locale.ROOT));
        }
        int factor = fresh.udpAmplification();
        if (factor != amplification) {
            changes.add("qotd: --udp-amplification: " + amplification + " -> " + factor);
        }
        return new ServiceReload(changes, () -> {
            picking = next;
            amplification = factor;
        });
    }

    @Override
    public void serve(Connection conn) throws IOException {
        conn.write(quote());
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        byte[] quote = quote();
        int length = Math.min(quote.length, maxReplyBytes(datagram.payload().remaining()));
        // Never split a character: back up over UTF-8 continuation bytes (10xxxxxx) to where one starts.
        while (length > 0 && length < quote.length && (quote[length] & 0xC0) == 0x80) {
            length--;
        }
        datagram.reply(ByteBuffer.wrap(quote, 0, length));
    }

    /** {@code min(Quotes.MAX_BYTES, requestBytes × amplification)}. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return (int) Math.min(Quotes.MAX_BYTES, (long) requestBytes * amplification);
    }

    private byte[] quote() {
        Picking now = picking;
        Quotes quotes = now.quotes();
        int index = switch (now.mode()) {
            case RANDOM -> ThreadLocalRandom.current().nextInt(quotes.size());
            // Consecutive days take consecutive quotes: tomorrow's differs from today's when there are two or more.
            case DAILY -> (int) Math.floorMod(LocalDate.now(clock).toEpochDay(), (long) quotes.size());
        };
        return quotes.get(index).getBytes(StandardCharsets.UTF_8);
    }
}
