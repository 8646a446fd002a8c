package dev.socklab.services.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/**
 * {@code /metrics}: the registry scraped in Prometheus's text format 0.0.4, or in OpenMetrics 1.0
 * for a client whose {@code Accept} asks for it (Prometheus itself does), the runtime's counts read
 * once just before.
 */
final class MetricsRoute implements Route {
    /**
     * The content types of the two formats, as the Prometheus client's writers name them (their classes
     * are the registry's run-time dependency, not a compile-time one); the registry picks its writer by them.
     */
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final ServerMeters meters;

    MetricsRoute(PrometheusMeterRegistry registry, ServerMeters meters) {
        this.registry = registry;
        this.meters = meters;
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        if (ReadOnly.refused(exchange)) {
            return;
        }
        boolean openMetrics = exchange.request().fields().first("Accept")
                .filter(accept -> accept.contains("application/openmetrics-text")).isPresent();
        String type = openMetrics ? OPEN_METRICS : TEXT;
        meters.refresh();
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        registry.scrape(body, type);
        exchange.respond(200, Fields.of("Content-Type", type), body.toByteArray());
    }
}
