package dev.socklab.services.admin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
        if (ReadOnly.refused(exchange)) {
            return;
        }
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        exchange.respond(200, Fields.of("Content-Type", "application/json"),
                StatusReport.bytes(StatusReport.of(server, clock.instant(), uptime)));
    }
}
