package dev.socklab.services.chat;

import java.io.IOException;

import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.InlinePage;
import dev.socklab.services.http.Route;

/**
 * {@code GET /chat}: the chat's one page (HTML, its script and style inline, no build step), which
 * joins the rooms over the WebSocket at {@code /chat/ws} ({@link ChatSocketRoute}). Its
 * Content-Security-Policy lets run only the page's own script and style, named by their hashes,
 * and lets it connect only to its own origin: even if a member's text ever reached the page as
 * markup, no script in it would run ({@link InlinePage}).
 */
public final class ChatPageRoute implements Route {
    private final InlinePage page = new InlinePage(ChatPageRoute.class, "chat.html", "/chat");

    @Override
    public void handle(Exchange exchange) throws IOException {
        page.handle(exchange);
    }
}
