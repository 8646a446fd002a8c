package dev.socklab.services.http.endpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;
import dev.socklab.services.http.Route;

/**
 * {@code /sse?count=N&interval=S}: N server-sent events (at most {@value #MAX_EVENTS}; 10 unless
 * asked), one every S seconds (1 unless asked), each with its number as its id and the time as
 * its data, as the HTML standard's {@code text/event-stream} says; {@code EventSource} and
 * {@code curl -N} read them as they come.
 */
final class ServerSentEvents implements Route {
    static final int MAX_EVENTS = 3600;
    private static final double MIN_INTERVAL = 0.01;

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        Query query = Query.parse(exchange.request().query());
        long count = query.number("count", 0, MAX_EVENTS, 10);
        double interval = Math.max(MIN_INTERVAL, query.seconds("interval", Drip.MAX_SECONDS, 1));
        Fields fields = Fields.of("Content-Type", "text/event-stream; charset=utf-8", "Cache-Control", "no-store");
        try (ResponseStream out = exchange.stream(200, fields)) {
            for (long i = 1; i <= count; i++) {
                String event = "id: " + i + "\nevent: tick\ndata: {\"n\": " + i + ", \"time\": \"" + Instant.now() + "\"}\n\n";
                out.write(event.getBytes(StandardCharsets.UTF_8));
                if (i < count) {
                    Drip.sleep(interval);
                }
            }
        }
    }
}
