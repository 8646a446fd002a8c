package dev.socklab.runtime;

import java.util.OptionalDouble;
import java.util.stream.IntStream;

import dev.socklab.service.DatagramService;

/**
 * How many bytes a UDP service can send for each byte it receives, counted on the wire (with the
 * 28 bytes of IPv4 and UDP headers on both sides, as reflection advisories such as US-CERT
 * TA14-017A count them), from the bound the service declares. A declared bound of 0 means no
 * reply at all.
 */
public final class Amplification {
    /** IPv4 (20 bytes) and UDP (8 bytes) headers: what even an empty datagram costs its sender. */
    static final int HEADERS = 28;
    /** Request sizes tried: the worst case of the services here is at an end or at a cap in between. */
    private static final int[] REQUESTS = IntStream.concat(IntStream.rangeClosed(0, 16),
            IntStream.of(32, 64, 128, 256, 511, 512, 513, 1024, 1472, DatagramService.MAX_PAYLOAD)).toArray();

    private Amplification() {
    }

    /** The worst ratio of reply to request bytes, or empty when the service declares no bound. */
    public static OptionalDouble worstCase(DatagramService service) {
        double worst = 0;
        for (int request : REQUESTS) {
            int reply = service.maxReplyBytes(request);
            if (reply >= DatagramService.MAX_PAYLOAD && request < DatagramService.MAX_PAYLOAD) {
                return OptionalDouble.empty();
            }
            // A bound of 0 is no reply at all, not an empty datagram: nothing goes on the wire.
            int wire = reply == 0 ? 0 : HEADERS + reply;
            worst = Math.max(worst, (double) wire / (HEADERS + request));
        }
        return OptionalDouble.of(worst);
    }
}
