package dev.socklab.services.http.endpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.http.Status;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/** {@code /status/{code}}: answers with that status (200 to 599), its reason phrase as the body. */
final class StatusCode implements Route {
    private static final String PREFIX = "/status/";

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        int code = (int) Numbers.whole("the status", exchange.request().path().substring(PREFIX.length()), 200, 599);
        Fields fields = Fields.of("Content-Type", "text/plain; charset=utf-8");
        if (code == 401) {
            fields = fields.with("WWW-Authenticate", "Basic realm=\"socklab\"");
        } else if (code / 100 == 3) {
            fields = fields.with("Location", "/anything");
        }
        exchange.respond(code, fields, (code + " " + Status.reason(code) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
