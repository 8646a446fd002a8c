package dev.socklab.services.http.endpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.http.Status;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/**
 * {@code /health}: answers with the status last set by a {@code POST /health} whose body is a
 * status code (200 at first), as traefik/whoami does: a load balancer's health check can be made
 * to fail, and to recover, without stopping the server.
 */
final class Health implements Route {
    private volatile int status = 200;

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        Fields text = Fields.of("Content-Type", "text/plain; charset=utf-8");
        switch (exchange.request().method()) {
            case "GET", "HEAD" -> {
                int now = status;
                exchange.respond(now, text, (now + " " + Status.reason(now) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            case "POST" -> {
                String body = new String(exchange.body(), StandardCharsets.UTF_8).strip();
                status = (int) Numbers.whole("the health status", body, 200, 599);
                exchange.respond(200, text, ("health is now " + status + "\n").getBytes(StandardCharsets.UTF_8));
            }
            default -> exchange.respond(405, text.with("Allow", "GET, HEAD, POST"),
                    "GET, HEAD or POST\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
