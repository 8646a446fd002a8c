package dev.socklab.services.admin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.socklab.runtime.Server;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;

/**
 * The admin listener's service ({@code serve --admin 127.0.0.1:10090}): HTTP, served by the same
 * server as the services it reports on, as the stream service {@code admin}. {@code /metrics} is
 * Prometheus's exposition of the runtime's counts, the services' gauges and the JVM's metrics;
 * {@code /status} is the {@link StatusReport} as JSON. It is made before the server (which it is one
 * of the services of) and told of that server with {@link #report} before it starts.
 */
public final class AdminService implements StreamService {
    /** The name it is served under, which no built-in service has. */
    public static final String NAME = "admin";

    private final Router router = new Router();
    private final HttpService http;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = registry();

    /** The service, answering over HTTP held to {@code settings}, {@code /status} telling the time by {@code clock}. */
    public AdminService(HttpSettings settings, Clock clock) {
        this.http = new HttpService(settings, router);
        this.clock = clock;
    }

    /**
     * Reports on {@code server}, of which this is one of the services: binds the JVM's meters and
     * opens {@code /metrics} and {@code /status}. Called once, after the server is built and before it
     * starts; the server's own meters are registered at the first scrape.
     */
    public void report(Server server) {
        // The GC meters listen to the JVM's collections from now on: one server a process, so never closed.
        for (MeterBinder binder : List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
        router.exact("/metrics", new MetricsRoute(registry, new ServerMeters(server, registry)))
                .exact("/status", new StatusRoute(server, clock));
    }

    /**
     * A registry whose exposition {@code promtool check metrics} finds no fault with: two of the JVM's
     * meters break Prometheus's naming rules as Micrometer names them. {@code process.cpu.time} counts
     * nanoseconds ({@code _ns_total}, where Prometheus wants seconds; {@code process_cpu_usage} stays),
     * and {@code system.cpu.count} ends in {@code _count}, which Prometheus keeps for histograms and summaries.
     */
    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
                    }
                });
        return registry;
    }

    /** Its routes, to which others (the status page) are added before the server starts. */
    public Router router() {
        return router;
    }

    @Override
    public void serve(Connection conn) throws IOException {
        http.serve(conn);
    }

    @Override
    public Optional<String> stopping() {
        return http.stopping();
    }

    @Override
    public Optional<Duration> idleTimeout() {
        return http.idleTimeout();
    }

    @Override
    public boolean firstRequestDeadlineApplies() {
        return http.firstRequestDeadlineApplies();
    }

    @Override
    public Optional<String> refusalLine(String reason) {
        return http.refusalLine(reason);
    }

    @Override
    public boolean clientSpeaksFirst() {
        return http.clientSpeaksFirst();
    }

    @Override
    public boolean silentClientsEndAtStop() {
        return http.silentClientsEndAtStop();
    }
}
