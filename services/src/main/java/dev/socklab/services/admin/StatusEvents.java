package dev.socklab.services.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.socklab.http.Fields;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;
import dev.socklab.services.http.Route;

/**
 * {@code GET /events}: the status page's live feed, server-sent events ({@code text/event-stream})
 * of one kind, {@code status}: the {@code /status} report and the last log lines, once a second
 * until the client leaves or the server stops. Each second's event is also the stream's heartbeat:
 * a page that has had none for a few seconds knows the feed is gone, and a client gone is found
 * by the next write. At most {@code maxSubscribers} streams at once; one more is answered 503.
 */
public final class StatusEvents implements Route {
    /** Streams at once by default: a few pages open on an operator's screens. */
    public static final int DEFAULT_MAX_SUBSCRIBERS = 8;
    private static final long INTERVAL_MILLIS = 1000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Fields TEXT = Fields.of("Content-Type", "text/plain; charset=utf-8");

    private final Supplier<ObjectNode> report;
    private final RecentLog log;
    private final int maxSubscribers;
    private final Semaphore subscribers;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param report the {@code /status} report as it is now, a fresh object each call
     * @param log the last lines logged, added to each event as {@code log}
     */
    public StatusEvents(Supplier<ObjectNode> report, RecentLog log, int maxSubscribers) {
        if (maxSubscribers < 1) {
            throw new IllegalArgumentException("the status feed needs room for one subscriber at least: " + maxSubscribers);
        }
        this.report = report;
        this.log = log;
        this.maxSubscribers = maxSubscribers;
        this.subscribers = new Semaphore(maxSubscribers);
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        if (!exchange.request().method().equals("GET")) {
            exchange.respond(405, TEXT.with("Allow", "GET"), "/events answers GET only: it is a stream of events\n"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!subscribers.tryAcquire()) {
            exchange.respond(503, TEXT.with("Retry-After", "10"), ("at most " + maxSubscribers + " status pages may"
                    + " follow the server at once; close one and reload\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            // Not try-with-resources: closing writes the last chunk, and after a failed write that second failure
            // would hide the first, by which the runtime knows the client left (a closed page, not an error).
            ResponseStream out = exchange.stream(200, Fields.of("Content-Type", "text/event-stream; charset=utf-8",
                    "Cache-Control", "no-store"));
            // EventSource's reconnection delay: a page follows a server that restarts within a second or two.
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            for (long id = 1; stopped.getCount() > 0; id++) {
                out.write(("id: " + id + "\nevent: status\ndata: " + JSON.writeValueAsString(event()) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                if (stopped.await(INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscribers.release();
        }
    }

    /** Ends every stream after its current event: the server is stopping. */
    @Override
    public void stopping() {
        stopped.countDown();
    }

    /** The report, with the log's last lines as {@code log}. */
    private ObjectNode event() {
        ObjectNode event = report.get();
        ArrayNode lines = event.putArray("log");
        log.lines().forEach(line -> lines.add(line.json()));
        return event;
    }
}
