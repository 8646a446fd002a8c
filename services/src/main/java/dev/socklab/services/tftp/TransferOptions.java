package dev.socklab.services.tftp;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.OptionalLong;
import java.util.SequencedMap;

import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.TftpException;

/**
 * What one transfer runs with once its options are negotiated (RFC 2347): the block size
 * ({@code blksize}, RFC 2348), the window ({@code windowsize}, RFC 7440), the retransmission timeout
 * ({@code timeout}) and the file's size ({@code tsize}, RFC 2349), and the options taken, which an
 * OACK names. With none taken there is no OACK and the transfer is RFC 1350's: 512-byte blocks,
 * each acknowledged.
 *
 * @param size the size a WRQ announced, or the size a RRQ was told
 * @param taken the options taken, with the values the OACK gives them; empty for no OACK
 */
record TransferOptions(int blockSize, int windowSize, Duration timeout, OptionalLong size,
                       SequencedMap<String, String> taken) {
    static final int DEFAULT_BLOCK_SIZE = 512;
    /** RFC 2348's bounds. */
    static final int MIN_BLOCK_SIZE = 8;
    static final int MAX_BLOCK_SIZE = 65464;
    /** RFC 7440's bound. */
    static final int MAX_WINDOW_SIZE = 65535;
    /** How long a packet is waited for before the last one is sent again, unless {@code timeout} says otherwise. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    TransferOptions {
        taken = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(taken));
    }

    /**
     * Takes what {@code request} asks for within the server's caps: a {@code blksize} or
     * {@code windowsize} above its cap is answered with the cap; a {@code timeout} outside RFC 2349's
     * 1 to 255 seconds, a value that is no number, and an unknown option are left out of the OACK, as
     * if not asked. A {@code tsize} that is no number reads as 0, as atftpd reads it.
     *
     * @param readSize for a RRQ, the size to answer a {@code tsize} with, if it is known (an octet
     *     transfer's file size); empty for a WRQ, whose {@code tsize} is the client's
     * @throws TftpException {@link ErrorCode#OPTION_REFUSED} for a {@code blksize} below 8, which
     *     RFC 2348 does not allow
     */
    static TransferOptions negotiate(Packet.Request request, int maxBlockSize, int maxWindowSize,
                                     OptionalLong readSize) throws TftpException {
        int blockSize = DEFAULT_BLOCK_SIZE;
        int windowSize = 1;
        Duration timeout = DEFAULT_TIMEOUT;
        OptionalLong size = OptionalLong.empty();
        SequencedMap<String, String> taken = new LinkedHashMap<>();
        for (var option : request.options().entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "blksize" -> {
                    long asked = number(value, 9);
                    if (asked >= 0 && asked < MIN_BLOCK_SIZE) {
                        throw new TftpException(ErrorCode.OPTION_REFUSED,
                                "blksize " + asked + " is below " + MIN_BLOCK_SIZE + " (RFC 2348)");
                    }
                    if (asked >= 0) {
                        blockSize = (int) Math.min(asked, maxBlockSize);
                        taken.put("blksize", Integer.toString(blockSize));
                    }
                }
                case "windowsize" -> {
                    long asked = number(value, 9);
                    if (asked >= 1 && asked <= MAX_WINDOW_SIZE) {
                        windowSize = (int) Math.min(asked, maxWindowSize);
                        taken.put("windowsize", Integer.toString(windowSize));
                    }
                }
                case "timeout" -> {
                    long asked = number(value, 9);
                    if (asked >= 1 && asked <= 255) {
                        timeout = Duration.ofSeconds(asked);
                        taken.put("timeout", Long.toString(asked));
                    }
                }
                case "tsize" -> {
                    if (request.write()) {
                        size = OptionalLong.of(Math.max(0, number(value, 18)));
                    } else {
                        size = readSize;
                    }
                    size.ifPresent(bytes -> taken.put("tsize", Long.toString(bytes)));
                }
                default -> {
                    // Unknown options are ignored, as RFC 2347 lets a server do.
                }
            }
        }
        return new TransferOptions(blockSize, windowSize, timeout, size, taken);
    }

    /** {@code value} as a number of at most {@code maxDigits} decimal digits, or -1 if it is none. */
    private static long number(String value, int maxDigits) {
        if (value.isEmpty() || value.length() > maxDigits || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(value);
    }
}
