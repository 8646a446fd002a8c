package dev.socklab.services.admin;

import java.io.IOException;

import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.InlinePage;
import dev.socklab.services.http.Route;

/**
 * {@code GET /} of the admin listener: the status page, one HTML file in the jar with its script and
 * style inline, no build step and nothing fetched from elsewhere. Its script follows
 * {@code /events} ({@link StatusEvents}) and draws, from each second's report, the services and
 * their listeners, the open connections, bytes a second as a chart, refusals by reason and the last
 * log lines. Its Content-Security-Policy lets run only that script and style ({@link InlinePage}):
 * a client's address or a logged request path reaches the page as text, never as markup.
 */
public final class StatusPage implements Route {
    private final InlinePage page = new InlinePage(StatusPage.class, "status.html", "/");

    @Override
    public void handle(Exchange exchange) throws IOException {
        page.handle(exchange);
    }
}
