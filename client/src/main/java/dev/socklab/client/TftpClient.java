package dev.socklab.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SequencedMap;

import dev.socklab.net.AddressException;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.trace.Tracer;

/**
 * TFTP from the client's side, RFC 1350, in octet mode only (netascii's line-end translation is
 * not offered), with the options of RFC 2347: {@code blksize} (2348), {@code timeout} and
 * {@code tsize} (2349) and {@code windowsize} (7440). {@code tsize} is always asked for, so that a
 * download knows its length; the others only when set. A server that ignores options answers
 * with plain DATA or ACK, and the transfer goes on with RFC 1350's 512-byte blocks one at a time;
 * one that refuses them (ERROR 8) is asked again without.
 *
 * <p>Each transfer has a socket of its own. The server answers from a new port, its transfer ID,
 * which the client holds to from then on, answering any other sender with ERROR 5. Whoever waits
 * resends its last packets after {@code timeout} (the whole window, for a sender), up to
 * {@code retries} times in a row; a sender never resends on a duplicate ACK (RFC 1123 §4.2.3.1,
 * the Sorcerer's Apprentice). Block numbers roll over from 65535 to 0.
 */
public final class TftpClient {
    /** RFC 1350's block size, used when the server takes no options. */
    public static final int DEFAULT_BLKSIZE = 512;
    /** The largest block size RFC 2348 allows. */
    public static final int MAX_BLKSIZE = 65_464;
    /** The largest window RFC 7440 allows. */
    public static final int MAX_WINDOWSIZE = 65_535;
    private static final String WHO = "tftp";
    /** Files go byte for byte: netascii's line-end translation is for text, and left to the caller. */
    private static final String MODE = "octet";

    /**
     * How a transfer runs.
     *
     * @param blksize the block size to ask for; 512 asks for none
     * @param windowsize the blocks to send before an ACK; 1 asks for none
     * @param timeout how long to wait for the peer before resending; whole seconds of it, at least
     *     1, go to the server as the {@code timeout} option
     * @param retries how many times in a row to resend before giving up
     */
    public record Settings(int blksize, int windowsize, Duration timeout, int retries) {
        /** Checks the ranges the RFCs allow. */
        public Settings {
            if (blksize < 8 || blksize > MAX_BLKSIZE) {
                throw new IllegalArgumentException("the block size must be from 8 to " + MAX_BLKSIZE + " (RFC 2348),"
                        + " not " + blksize);
            }
            if (windowsize < 1 || windowsize > MAX_WINDOWSIZE) {
                throw new IllegalArgumentException("the window size must be from 1 to " + MAX_WINDOWSIZE
                        + " (RFC 7440), not " + windowsize);
            }
            Deadline.requirePositive(timeout);
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
            }
        }
    }

    /**
     * A finished transfer.
     *
     * @param bytes the file's bytes moved
     * @param blksize the block size it ran with
     * @param windowsize the window it ran with
     * @param optionsTaken whether the server answered the options (OACK), or ignored them
     */
    public record Result(long bytes, int blksize, int windowsize, boolean optionsTaken) {
    }

    /** The options a transfer runs with, once the server has answered. */
    record Agreed(int blksize, int windowsize, OptionalLong tsize, boolean taken) {
        static final Agreed PLAIN = new Agreed(DEFAULT_BLKSIZE, 1, OptionalLong.empty(), false);
    }

    private final InetSocketAddress server;
    private final Settings settings;
    private final Tracer tracer;

    private TftpClient(InetSocketAddress server, Settings settings, Tracer tracer) {
        this.server = server;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tracer = Objects.requireNonNull(tracer, "tracer");
    }

    /**
     * A client of the TFTP server at {@code port} on the first address {@code host} resolves to.
     *
     * @throws AddressException if the host does not resolve
     */
    public static TftpClient of(Host host, int port, Family family, Settings settings, Tracer tracer) {
        return new TftpClient(new InetSocketAddress(host.resolve(family).getFirst(), port), settings, tracer);
    }

    /**
     * Downloads {@code file} into {@code out}, which the caller closes.
     *
     * @throws ServerRefusedException if the server answers with an ERROR, such as a missing file
     * @throws java.net.SocketTimeoutException if the server stops answering
     * @throws ProtocolException if the server breaks the protocol
     */
    public Result get(String file, OutputStream out, TransferProgress progress) throws IOException {
        try (TftpSocket socket = TftpSocket.open(server, tracer, WHO)) {
            TftpSession session = new TftpSession(socket, server, settings.timeout(), settings.retries());
            Packet first;
            Agreed agreed;
            SequencedMap<String, String> asked = options("0");
            try {
                first = request(session, false, file, asked);
            } catch (ServerRefusedException e) {
                if (e.code() != ErrorCode.OPTION_REFUSED.code() || asked.isEmpty()) {
                    throw e;
                }
                session.restart();
                asked = new LinkedHashMap<>();
                first = request(session, false, file, asked);
            }
            ByteBuffer resend;
            Packet.Data data = null;
            if (first instanceof Packet.OptionAck oack) {
                agreed = agree(session, asked, oack);
                resend = PacketCodec.ack(0);
                session.send(resend);
            } else if (first instanceof Packet.Data block) {
                agreed = Agreed.PLAIN;
                resend = PacketCodec.request(false, file, MODE, asked);
                data = block;
            } else {
                throw unexpected(session, first, "DATA or OACK");
            }
            progress.started(agreed.tsize());
            long bytes = new TftpReceiver(session, agreed, out, progress).receive(data, resend);
            return new Result(bytes, agreed.blksize(), agreed.windowsize(), agreed.taken());
        }
    }

    /**
     * Uploads {@code size} bytes from {@code in} as {@code file}.
     *
     * @throws ServerRefusedException if the server answers with an ERROR, such as no permission
     * @throws java.net.SocketTimeoutException if the server stops answering
     * @throws ProtocolException if the server breaks the protocol
     */
    public Result put(String file, InputStream in, long size, TransferProgress progress) throws IOException {
        try (TftpSocket socket = TftpSocket.open(server, tracer, WHO)) {
            TftpSession session = new TftpSession(socket, server, settings.timeout(), settings.retries());
            SequencedMap<String, String> asked = options(Long.toString(size));
            Packet first;
            try {
                first = request(session, true, file, asked);
            } catch (ServerRefusedException e) {
                if (e.code() != ErrorCode.OPTION_REFUSED.code() || asked.isEmpty()) {
                    throw e;
                }
                session.restart();
                asked = new LinkedHashMap<>();
                first = request(session, true, file, asked);
            }
            Agreed agreed;
            if (first instanceof Packet.OptionAck oack) {
                agreed = agree(session, asked, oack);
            } else if (first instanceof Packet.Ack ack && ack.block() == 0) {
                agreed = Agreed.PLAIN;
            } else {
                throw unexpected(session, first, "ACK 0 or OACK");
            }
            progress.started(OptionalLong.of(size));
            long bytes = new TftpSender(session, agreed, in, progress).send();
            return new Result(bytes, agreed.blksize(), agreed.windowsize(), agreed.taken());
        }
    }

    /** The options to ask for: {@code tsize} always, the others when they differ from RFC 1350's behaviour. */
    private SequencedMap<String, String> options(String tsize) {
        SequencedMap<String, String> options = new LinkedHashMap<>();
        options.put("tsize", tsize);
        if (settings.blksize() != DEFAULT_BLKSIZE) {
            options.put("blksize", Integer.toString(settings.blksize()));
        }
        if (settings.windowsize() != 1) {
            options.put("windowsize", Integer.toString(settings.windowsize()));
        }
        long seconds = Math.clamp((settings.timeout().toMillis() + 999) / 1000, 1, 255);
        options.put("timeout", Long.toString(seconds));
        return options;
    }

    /** Sends the request, in octet mode, resending it until the server's first answer. */
    private static Packet request(TftpSession session, boolean write, String file, Map<String, String> options)
            throws IOException {
        ByteBuffer request = PacketCodec.request(write, file, MODE, options);
        session.send(request);
        return session.next(() -> session.send(request));
    }

    /** The options the server's OACK settled, each checked against what was asked (RFC 2347: never more). */
    private static Agreed agree(TftpSession session, Map<String, String> asked, Packet.OptionAck oack)
            throws IOException {
        int blksize = DEFAULT_BLKSIZE;
        int windowsize = 1;
        OptionalLong tsize = OptionalLong.empty();
        for (Map.Entry<String, String> option : oack.options().entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            if (!asked.containsKey(name)) {
                throw refuseOption(session, "the server answered an option it was not asked for: " + name);
            }
            switch (name) {
                case "blksize" -> blksize = number(session, name, value, 8, Integer.parseInt(asked.get(name)));
                case "windowsize" -> windowsize = number(session, name, value, 1, Integer.parseInt(asked.get(name)));
                case "tsize" -> tsize = tsize(value);
                default -> {
                    // timeout: the server's own retransmission interval, nothing for the client to change
                }
            }
        }
        return new Agreed(blksize, windowsize, tsize, true);
    }

    private static int number(TftpSession session, String name, String value, int min, int max) throws IOException {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw refuseOption(session, "the server answered " + name + " " + value + ", outside the " + min + " to "
                + max + " asked for");
    }

    /** The file's length from the OACK; a value that is not a number (some servers send one) counts as unknown. */
    private static OptionalLong tsize(String value) {
        try {
            long n = Long.parseLong(value);
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static ProtocolException refuseOption(TftpSession session, String why) throws IOException {
        session.abort(ErrorCode.OPTION_REFUSED, "Option refused");
        return new ProtocolException(why);
    }

    private static ProtocolException unexpected(TftpSession session, Packet packet, String wanted)
            throws IOException {
        session.abort(ErrorCode.ILLEGAL_OPERATION, "Illegal TFTP operation");
        return new ProtocolException("the server answered with TFTP opcode " + packet.opcode()
                + " where " + wanted + " was due");
    }
}
