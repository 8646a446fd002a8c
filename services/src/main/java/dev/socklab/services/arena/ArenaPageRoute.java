package dev.socklab.services.arena;

import java.io.IOException;

import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.InlinePage;
import dev.socklab.services.http.Route;

/**
 * {@code GET /arena}: the arena in a browser, one page (HTML, its script and style inline, no build
 * step) that plays over the WebSocket at {@code /arena/ws} ({@link ArenaSocketRoute}) in the same
 * arena as the UDP players. Its script speaks the arena's protocol itself (docs/services.md): the
 * handshake, inputs at the tick rate, snapshots decoded against their baselines, and prediction,
 * reconciliation and interpolation, each with a switch. Nicknames are drawn on a canvas, and its
 * Content-Security-Policy lets run only the page's own script and style ({@link InlinePage}).
 */
public final class ArenaPageRoute implements Route {
    private final InlinePage page = new InlinePage(ArenaPageRoute.class, "arena.html", "/arena");

    @Override
    public void handle(Exchange exchange) throws IOException {
        page.handle(exchange);
    }
}
