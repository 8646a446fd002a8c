package dev.socklab.services.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.socklab.http.BadBodyException;
import dev.socklab.http.BodyFraming;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpInput;
import dev.socklab.http.RequestHead;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.runtime.SettingException;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;
import dev.socklab.services.arena.Arena;
import dev.socklab.services.arena.ArenaPageRoute;
import dev.socklab.services.arena.ArenaSettings;
import dev.socklab.services.arena.ArenaSocketRoute;
import dev.socklab.services.chat.ChatPageRoute;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.chat.ChatSocketRoute;
import dev.socklab.services.http.endpoints.TestEndpoints;
import dev.socklab.services.http.files.StaticFiles;
import dev.socklab.services.http.websocket.WebSocketEcho;
import dev.socklab.services.rpc.BuiltinMethods;
import dev.socklab.services.rpc.JsonRpcRoute;
import dev.socklab.services.rpc.RpcProtocols;
import dev.socklab.services.rpc.XmlRpcRoute;

/**
 * HTTP/1.1 (RFC 9110, 9112): requests read one after another on a persistent connection, each
 * answered in order by the {@link Route} its path leads to. Each request's head must arrive within
 * the head timeout and the whole request within the request timeout, on every request of the
 * connection, so a client that trickles its bytes is cut off however long it keeps the connection;
 * between requests the connection may wait for the keep-alive timeout, then closes quietly.
 */
public final class HttpService implements StreamService, Reloadable {
    /** The longest a refused client is read from, and dropped, before the close ({@link #lingeringClose}). */
    private static final Duration LINGER = Duration.ofSeconds(2);
    /** The most of it dropped so. */
    private static final long LINGER_BYTES = 16L << 20;

    /** How much of a request's target its log line shows: a target may be 8 KiB long. */
    private static final int MAX_LOGGED_TARGET = 200;

    /** The limits and timeouts with the head limits made of them, swapped whole by a reload; read once per connection. */
    private volatile Bounds bounds;
    private final Router router;
    private final String server;
    private final KeepAlives keepAlives = new KeepAlives();

    /** As {@link #of(HttpSettings, ChatService)}, with a chat of its own at its defaults, shared with no chat service. */
    public static HttpService of(HttpSettings settings) {
        return of(settings, new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone()));
    }

    /** As {@link #of(HttpSettings, ChatService, Arena)}, with an arena of its own at its defaults, shared with no arena service. */
    public static HttpService of(HttpSettings settings, ChatService chat) {
        return of(settings, chat, new Arena(ArenaSettings.DEFAULTS));
    }

    /**
     * As {@link #of(HttpSettings, ChatService, Arena, RpcProtocols)}, with the built-in RPC methods at
     * their defaults over {@code chat} ({@link BuiltinMethods#atDefaults}), within the default limits.
     */
    public static HttpService of(HttpSettings settings, ChatService chat, Arena arena) {
        return of(settings, chat, arena, new RpcProtocols(BuiltinMethods.atDefaults(chat), RpcLimits.DEFAULTS));
    }

    /**
     * The service as {@code socklab serve} runs it: the test endpoints, WebSocket echo, the chat in a browser for
     * {@code chat}'s rooms ({@code /chat}, {@code /chat/ws}), the arena in a browser for {@code arena}'s players
     * ({@code /arena}, {@code /arena/ws}), {@code rpc}'s methods over JSON-RPC ({@code POST /jsonrpc}) and XML-RPC
     * ({@code POST /RPC2}) within its limits, and the files under the root when there is one.
     *
     * @throws SettingException if the root is not a readable directory, or uploads are asked for without one
     */
    public static HttpService of(HttpSettings settings, ChatService chat, Arena arena, RpcProtocols rpc) {
        Router router = TestEndpoints.register(new Router())
                .exact("/ws", new WebSocketEcho(settings.wsMaxMessage()))
                .exact("/chat", new ChatPageRoute())
                .exact("/chat/ws", new ChatSocketRoute(chat))
                .exact("/arena", new ArenaPageRoute())
                .exact("/arena/ws", new ArenaSocketRoute(arena))
                .exact("/jsonrpc", new JsonRpcRoute(rpc::json))
                .exact("/RPC2", new XmlRpcRoute(rpc::xml));
        if (settings.upload() && settings.root().isEmpty()) {
            throw new SettingException("--http-upload needs --http-root DIR, the directory that uploads go into");
        }
        settings.root().ifPresent(root -> router.fallback(new StaticFiles(root, settings.upload())));
        return new HttpService(settings, router);
    }

    /** The settings a connection is held to, and the head limits they make. */
    private record Bounds(HttpSettings settings, HeadLimits limits) {
        static Bounds of(HttpSettings settings) {
            return new Bounds(settings, new HeadLimits(settings.maxRequestLine(), settings.maxHeadBytes(),
                    settings.maxFields()));
        }
    }

    /** The service, answering with {@code router}'s routes. */
    public HttpService(HttpSettings settings, Router router) {
        this.bounds = Bounds.of(settings);
        this.router = router;
        String version = HttpService.class.getPackage().getImplementationVersion();
        this.server = version == null ? "socklab" : "socklab/" + version;
    }

    /**
     * Takes the request limits and timeouts anew, for connections whose first request comes from then on; the files
     * ({@code --http-root}, {@code --http-upload}) and the WebSocket messages' limit stay as they were made.
     */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        HttpSettings before = bounds.settings();
        HttpSettings asked = fresh.http();
        HttpSettings next = new HttpSettings(before.root(), before.upload(), asked.maxRequestLine(),
                asked.maxHeadBytes(), asked.maxFields(), asked.maxBody(), asked.headTimeout(), asked.requestTimeout(),
                asked.keepAliveTimeout(), before.wsMaxMessage());
        return new ServiceReload(ServiceReload.changes("http", before, next,
                new ServiceReload.Setting<>("--http-max-request-line", HttpSettings::maxRequestLine),
                new ServiceReload.Setting<>("--http-max-head", HttpSettings::maxHeadBytes),
                new ServiceReload.Setting<>("--http-max-fields", HttpSettings::maxFields),
                new ServiceReload.Setting<>("--http-max-body", HttpSettings::maxBody),
                new ServiceReload.Setting<>("--http-head-timeout", HttpSettings::headTimeout),
                new ServiceReload.Setting<>("--http-request-timeout", HttpSettings::requestTimeout),
                new ServiceReload.Setting<>("--http-keep-alive", HttpSettings::keepAliveTimeout)),
                () -> bounds = Bounds.of(next));
    }

    @Override
    public void serve(Connection conn) throws IOException {
        Bounds now = bounds;
        HttpSettings settings = now.settings();
        DeadlineSource source = new DeadlineSource(conn);
        HttpInput input = new HttpInput(source, now.limits());
        // The first request's head is due within the head timeout from the accept, its first byte included.
        source.deadline(settings.headTimeout(), "the request's head");
        if (!keepAlives.awaitFirst(conn, input, settings.headTimeout())) {
            return;
        }
        while (exchange(conn, source, input, settings)) {
            if (!keepAlives.awaitNext(conn, input, settings.keepAliveTimeout())) {
                return;
            }
            source.deadline(settings.headTimeout(), "the request's head");
        }
    }

    /** Reads and answers one request: whether the connection may carry another. */
    private boolean exchange(Connection conn, DeadlineSource source, HttpInput input, HttpSettings settings)
            throws IOException {
        RequestHead head;
        BodyFraming framing;
        try {
            Optional<RequestHead> read = input.readRequestHead();
            if (read.isEmpty()) {
                return false;
            }
            head = read.get();
            framing = BodyFraming.ofRequest(head, settings.maxBody());
        } catch (HttpException e) {
            refuse(conn, input, e);
            return false;
        } catch (SocketTimeoutException e) {
            refuse(conn, input, new HttpException(408, e.getMessage()));
            return false;
        }
        source.deadline(settings.requestTimeout(), "the request");
        HttpExchange exchange = new HttpExchange(head, conn, input, framing, settings.maxBody(), server,
                keepAlives.stopping());
        try {
            Optional<String> expect = head.fields().first("Expect");
            if (expect.isPresent() && !expect.get().equalsIgnoreCase("100-continue")) {
                throw new HttpException(417, "the only expectation socklab knows is 100-continue, not " + expect.get());
            }
            Optional<Route> route = router.find(head.path());
            if (route.isEmpty()) {
                throw new HttpException(404, "nothing here: " + head.path());
            }
            route.get().handle(exchange);
            if (!exchange.responded()) {
                throw new IllegalStateException("the route for " + head.path() + " gave no response");
            }
        } catch (HttpException e) {
            answerOrEnd(exchange, e);
        } catch (BadBodyException e) {
            answerOrEnd(exchange, e.httpException());
            lingeringClose(conn);
            return false;
        } catch (SocketTimeoutException e) {
            answerOrEnd(exchange, new HttpException(408, e.getMessage()));
            return false;
        } catch (EOFException e) {
            // The client closed in the middle of its body (a cut upload): its doing, not a failure of the service's.
            conn.log().info("{} {} cut short: {}", head.method(), logged(head), e.getMessage());
            return false;
        }
        conn.log().info("{} {} {}", head.method(), logged(head), exchange.status());
        return exchange.finish();
    }

    /** The request's target for its log line: the parser let only visible ASCII in, so it needs cutting, not escaping. */
    private static String logged(RequestHead head) {
        return head.target().length() <= MAX_LOGGED_TARGET ? head.target()
                : head.target().substring(0, MAX_LOGGED_TARGET) + "...";
    }

    /** Answers with {@code e}, unless the response has begun: then the connection can only end. */
    private static void answerOrEnd(HttpExchange exchange, HttpException e) throws IOException {
        if (exchange.responded()) {
            throw new IOException("the response had begun when the request failed: " + e.getMessage(), e);
        }
        exchange.fail(e);
    }

    /** Answers a request that could not be read with {@code e}; the connection then closes. */
    private void refuse(Connection conn, HttpInput input, HttpException e) throws IOException {
        conn.log().info("refused: {} {}", e.status(), e.getMessage());
        HttpExchange.forUnreadRequest(conn, input, server).fail(e);
        if (e.status() != 408) {
            // A client too slow to send its request has no more to send that it should be waited for.
            lingeringClose(conn);
        }
    }

    /**
     * After a refusal, the client may still be sending what was refused (a body over the limit).
     * Closed with its bytes unread, the connection would be reset, and a client still writing would
     * see the reset (a broken pipe) before it read the answer. So, as nginx's lingering close, a FIN
     * follows the answer and the client's bytes are read and dropped until it closes, for at most
     * {@link #LINGER} and {@link #LINGER_BYTES}: a client that sends more than that is reset after all.
     */
    private static void lingeringClose(Connection conn) {
        try {
            conn.shutdownOutput();
            ByteBuffer dropped = ByteBuffer.allocate(16 * 1024);
            long deadline = System.nanoTime() + LINGER.toNanos();
            for (long read = 0; read < LINGER_BYTES; ) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                dropped.clear();
                int n = conn.read(dropped, Duration.ofNanos(left));
                if (n <= 0) {
                    return;
                }
                read += n;
            }
        } catch (IOException e) {
            // Reset or closed by the client: there is nothing left to wait for.
        }
    }

    /**
     * Connections waiting between requests end at once, with a FIN; one in the middle of a request
     * finishes it within the grace period, answered with {@code Connection: close}; the routes whose
     * exchanges have no end of their own (a WebSocket) are told to end them ({@link Route#stopping}). No
     * notice: a line of text would be no HTTP response.
     */
    @Override
    public Optional<String> stopping() {
        keepAlives.stop();
        router.stopping();
        return Optional.empty();
    }

    /** Between requests a connection waits for the keep-alive timeout, which the idle timeout must not cut short. */
    @Override
    public Optional<Duration> idleTimeout() {
        return Optional.of(bounds.settings().keepAliveTimeout().plusSeconds(1));
    }

    /** A browser may open a connection before it has a request to send on it. */
    @Override
    public boolean firstRequestDeadlineApplies() {
        return false;
    }

    /**
     * A client turned away (too many connections) gets a response it can read: 503, whose body is
     * the line the runtime sends with its CRLF.
     */
    @Override
    public Optional<String> refusalLine(String reason) {
        String body = "socklab: " + reason;
        return Optional.of("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Connection: close\r\nContent-Length: " + (body.length() + 2) + "\r\n\r\n" + body);
    }

    /** HTTP/1.1 by ALPN on a TLS endpoint: a client that offers h2 first still gets what this server speaks. */
    @Override
    public List<String> applicationProtocols() {
        return List.of("http/1.1");
    }

    /** A client speaks first, with its request: a connection waiting for one holds no thread. */
    @Override
    public boolean clientSpeaksFirst() {
        return true;
    }

    /** A browser opens connections ahead of need (a preconnect) and opens another when one closes. */
    @Override
    public boolean silentClientsEndAtStop() {
        return true;
    }
}
