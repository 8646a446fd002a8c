package dev.socklab.services.admin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;

import dev.socklab.runtime.Server;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.InlinePage;
import dev.socklab.services.http.Route;
import dev.socklab.services.http.Router;

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

    /**
     * Adds the page at {@code /} and its feed at {@code /events} to the admin listener's {@code routes}
     * ({@link AdminService#router}), reporting on {@code server} with the last lines of {@code log}; before
     * the server starts.
     */
    public static void addTo(Router routes, Server server, Clock clock, RecentLog log) {
        StatusEvents events = new StatusEvents(() -> StatusReport.of(server, clock.instant(),
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())), log,
                StatusEvents.DEFAULT_MAX_SUBSCRIBERS);
        routes.exact("/", new StatusPage()).exact("/events", events);
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        page.handle(exchange);
    }
}
