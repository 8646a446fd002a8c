package dev.socklab.services.http.endpoints;

import java.io.IOException;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/** {@code /echo}: the request's body back, byte for byte, with its content type. */
final class Echo implements Route {
    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        byte[] body = exchange.body();
        String type = exchange.request().fields().first("Content-Type").orElse("application/octet-stream");
        exchange.respond(200, Fields.of("Content-Type", type), body);
    }
}
