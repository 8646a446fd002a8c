package dev.socklab.services.http.endpoints;

import java.io.IOException;
import java.util.Random;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;
import dev.socklab.services.http.Route;

/**
 * {@code /bytes/{n}}: n random bytes (at most {@value #MAX_BYTES}), the same ones again for the
 * same {@code ?seed=}; made as they are sent, so a large one costs no memory.
 */
final class RandomBytes implements Route {
    static final long MAX_BYTES = 100L << 20;
    private static final String PREFIX = "/bytes/";
    private static final int PIECE = 64 * 1024;

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        long n = Numbers.whole("the number of bytes", exchange.request().path().substring(PREFIX.length()), 0, MAX_BYTES);
        Query query = Query.parse(exchange.request().query());
        Random random = query.first("seed").isPresent()
                ? new Random(query.number("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0))
                : new Random();
        try (ResponseStream out = exchange.stream(200, Fields.of("Content-Type", "application/octet-stream"), n)) {
            byte[] piece = new byte[(int) Math.min(n, PIECE)];
            for (long left = n; left > 0; left -= piece.length) {
                if (left < piece.length) {
                    piece = new byte[(int) left];
                }
                random.nextBytes(piece);
                out.write(piece);
            }
        }
    }
}
