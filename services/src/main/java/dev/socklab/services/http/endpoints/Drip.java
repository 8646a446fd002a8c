package dev.socklab.services.http.endpoints;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;
import dev.socklab.services.http.Route;

/**
 * {@code /drip?numbytes=N&duration=S&delay=S&code=C}: after {@code delay}, N asterisks spread evenly
 * over {@code duration}, with status C, as httpbin's drip: a slow server, for a client's timeouts.
 */
final class Drip implements Route {
    static final long MAX_BYTES = 10L << 20;
    static final double MAX_SECONDS = 60;
    /** The most pieces a drip is cut into, so that a large one is not a syscall a byte. */
    private static final int MAX_PIECES = 1000;

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        Query query = Query.parse(exchange.request().query());
        long bytes = query.number("numbytes", 0, MAX_BYTES, 10);
        double duration = query.seconds("duration", MAX_SECONDS, 2);
        double delay = query.seconds("delay", Delay.MAX_SECONDS, 0);
        int code = (int) query.number("code", 200, 599, 200);
        sleep(delay);
        int pieces = (int) Math.min(bytes, MAX_PIECES);
        try (ResponseStream out = exchange.stream(code, Fields.of("Content-Type", "application/octet-stream"), bytes)) {
            long sent = 0;
            for (int i = 1; i <= pieces; i++) {
                long upTo = bytes * i / pieces;
                byte[] piece = new byte[(int) (upTo - sent)];
                Arrays.fill(piece, (byte) '*');
                out.write(piece);
                sent = upTo;
                if (i < pieces) {
                    sleep(duration / pieces);
                }
            }
        }
    }

    static void sleep(double seconds) throws InterruptedIOException {
        try {
            Thread.sleep(Duration.ofNanos((long) (seconds * 1e9)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting");
        }
    }
}
