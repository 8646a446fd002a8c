package dev.socklab.services.admin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.runtime.Server;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/** {@code /status}: the {@link StatusReport} of the server now, as JSON. */
final class StatusRoute implements Route {
    private final Server server;
    private final Clock clock;

    StatusRoute(Server server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        if (!exchange.request().method().equals("GET") && !exchange.headOnly()) {
            exchange.respond(405, Fields.of("Content-Type", "text/plain; charset=utf-8").with("Allow", "GET, HEAD"),
                    "GET or HEAD\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        exchange.respond(200, Fields.of("Content-Type", "application/json"),
                StatusReport.bytes(StatusReport.of(server, clock.instant(), uptime)));
    }
}
