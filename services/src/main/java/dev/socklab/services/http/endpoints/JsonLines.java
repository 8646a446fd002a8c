package dev.socklab.services.http.endpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.node.ObjectNode;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;
import dev.socklab.services.http.Route;

/** {@code /stream/{n}}: n lines of JSON (at most {@value #MAX_LINES}), each the request with its number, sent chunked, a chunk a line. */
final class JsonLines implements Route {
    static final int MAX_LINES = 100;
    private static final String PREFIX = "/stream/";

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        int n = (int) Numbers.whole("the number of lines", exchange.request().path().substring(PREFIX.length()), 0, MAX_LINES);
        ObjectNode json = RequestJson.of(exchange, exchange.body());
        try (ResponseStream out = exchange.stream(200, Fields.of("Content-Type", "application/x-ndjson"))) {
            for (int i = 0; i < n; i++) {
                json.put("id", i);
                out.write((RequestJson.JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
