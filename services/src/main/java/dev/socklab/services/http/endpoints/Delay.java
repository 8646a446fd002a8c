package dev.socklab.services.http.endpoints;

import java.io.IOException;
import java.time.Duration;

import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/** {@code /delay/{seconds}}: answers as {@code /anything} does, after that many seconds (fractions allowed, at most {@value #MAX_SECONDS}). */
final class Delay implements Route {
    static final int MAX_SECONDS = 10;
    private static final String PREFIX = "/delay/";

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        double seconds = Numbers.seconds("the delay", exchange.request().path().substring(PREFIX.length()), MAX_SECONDS);
        byte[] body = exchange.body();
        try {
            Thread.sleep(Duration.ofNanos((long) (seconds * 1e9)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("stopped during the delay");
        }
        exchange.respond(200, RequestEcho.JSON_TYPE, RequestJson.bytes(RequestJson.of(exchange, body)));
    }
}
