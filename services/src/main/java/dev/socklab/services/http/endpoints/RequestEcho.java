package dev.socklab.services.http.endpoints;

import java.io.IOException;

import tools.jackson.databind.node.ObjectNode;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/** {@code /anything}, {@code /headers} and {@code /ip}: the request as the server saw it, as JSON. */
final class RequestEcho implements Route {
    static final Fields JSON_TYPE = Fields.of("Content-Type", "application/json");

    /** What of the request to show. */
    enum View {
        /** All of it: method, target, arguments, fields, body, both addresses. */
        ANYTHING,
        /** The fields. */
        HEADERS,
        /** The client's address and port. */
        IP
    }

    private final View view;

    RequestEcho(View view) {
        this.view = view;
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        ObjectNode json = switch (view) {
            case ANYTHING -> RequestJson.of(exchange, exchange.body());
            case HEADERS -> RequestJson.JSON.createObjectNode().set("headers", RequestJson.headers(exchange));
            case IP -> RequestJson.address(exchange.connection().peer());
        };
        exchange.respond(200, JSON_TYPE, RequestJson.bytes(json));
    }
}
