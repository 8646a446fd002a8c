package dev.socklab.services.http;

import java.io.IOException;

import dev.socklab.http.HttpException;

/**
 * What answers the requests for one path or tree of paths: the test endpoints, the static files,
 * the WebSocket endpoints. Throwing an {@link HttpException} before responding answers with its
 * status and message.
 */
@FunctionalInterface
public interface Route {
    /** Answers {@code exchange}'s request. */
    void handle(Exchange exchange) throws IOException, HttpException;
}
