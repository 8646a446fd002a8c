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

    /**
     * Called once when the server begins to stop, for a route whose exchanges have no end of their own
     * (a WebSocket that stays open until its client leaves): it tells them to end now, as
     * {@link dev.socklab.service.StreamService#stopping} does a service's connections. Nothing, by default.
     */
    default void stopping() {
    }
}
