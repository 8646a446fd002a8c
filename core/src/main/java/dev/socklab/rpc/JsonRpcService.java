package dev.socklab.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.socklab.framing.LineFraming;
import dev.socklab.service.Connection;
import dev.socklab.service.LineTooLongException;
import dev.socklab.service.StreamService;

/**
 * JSON-RPC 2.0 over a stream socket, one JSON text per line each way, so that {@code nc} can
 * call: requests may be pipelined, and each response carries its request's id.
 *
 * <p>A request is a line ended by LF or CRLF (a last line may lack its end), of at most
 * {@link RpcLimits#maxRequestBytes()} bytes, read through a {@link LineFraming} of the service's own
 * rather than {@code Connection.readLine}, whose limit is the server's line length, not the RPC
 * one; malformed UTF-8 in it becomes U+FFFD, as in every line socklab reads, so it is a -32700
 * outside a string. A blank line is skipped. Each response is one line ended by LF alone, as
 * newline-delimited JSON is, and as a client that splits on {@code \n} expects. Requests are
 * answered one after another, in the order they came (a batch's calls too), so the responses come
 * in the requests' order; nothing is answered for a notification.
 *
 * <p>A line longer than the limit breaks the framing: it gets one -32001 error with a null id and
 * the limit as {@code data} ({@code max_bytes}), then the connection ends, after what the client
 * sends within a short while is read away, so that the close does not reset the error away. Between
 * requests, the server's idle timeout applies; a stopping server ends a connection waiting between
 * requests at once, with a FIN.
 */
public final class JsonRpcService implements StreamService {
    /** How long the input of a connection that broke the framing is read away before the close. */
    private static final Duration DRAIN_QUIET = Duration.ofMillis(200);
    private static final Duration DRAIN_MAX = Duration.ofSeconds(2);

    private final Supplier<JsonRpc> rpcs;
    private final JsonRpcIdle idle = new JsonRpcIdle();

    /** Serves {@code rpc}'s methods. */
    public JsonRpcService(JsonRpc rpc) {
        this(() -> rpc);
    }

    /**
     * Serves the methods of what {@code rpcs} gives, asked once a connection: a reload may give another
     * (new limits) to the connections that come after it.
     */
    public JsonRpcService(Supplier<JsonRpc> rpcs) {
        this.rpcs = rpcs;
    }

    @Override
    public void serve(Connection conn) throws IOException {
        JsonRpc rpc = rpcs.get();
        int answered = 0;
        try (JsonRpcIdle.Reader reader = idle.open(conn)) {
            LineFraming lines = new LineFraming(reader, rpc.limits().maxRequestBytes());
            while (reader.awaitRequest()) {
                Optional<String> line;
                try {
                    line = lines.readLine();
                } catch (LineTooLongException e) {
                    refuseLongLine(conn, e, rpc.limits());
                    throw e;
                }
                if (!reader.requestCame() || line.isEmpty()) {
                    break;
                }
                if (line.get().isBlank()) {
                    continue;
                }
                Optional<String> response = rpc.answer(line.get(), conn.peer(), conn.log());
                if (response.isPresent()) {
                    conn.write(response.get() + "\n");
                }
                answered++;
            }
        } finally {
            if (answered > 0) {
                conn.log().info("jsonrpc: {} request{} read", answered, answered == 1 ? "" : "s");
            }
        }
    }

    /** Answers a line past the limit with -32001, then ends the output and reads away what follows, a while at most. */
    private static void refuseLongLine(Connection conn, LineTooLongException e, RpcLimits limits) throws IOException {
        int limit = e.limit();
        conn.write(JsonRpc.errorResponse(new RpcException(ErrorCodes.TOO_LARGE, "a request line is longer than the "
                + limit + " bytes the server takes: send a smaller request", Map.of("max_bytes", limit))) + "\n");
        conn.shutdownOutput();
        ByteBuffer away = ByteBuffer.allocate(8192);
        long end = System.nanoTime() + DRAIN_MAX.toNanos();
        long left = limits.maxRequestBytes();
        while (left > 0 && System.nanoTime() < end) {
            away.clear();
            int n = conn.read(away, DRAIN_QUIET);
            if (n <= 0) {
                return;
            }
            left -= n;
        }
    }

    /**
     * A client turned away by a limit of the server's (too many connections) reads a JSON-RPC error,
     * -32002, as its one line.
     */
    @Override
    public Optional<String> refusalLine(String reason) {
        return Optional.of(JsonRpc.errorResponse(new RpcException(ErrorCodes.LIMIT_EXCEEDED, "socklab: " + reason)));
    }

    /** Connections waiting between requests end at once, with a FIN; one with a request under way answers it first. */
    @Override
    public Optional<String> stopping() {
        idle.stop();
        return Optional.empty();
    }

    /** Its client speaks first, with a request: an idle connection need not hold a thread until then. */
    @Override
    public boolean clientSpeaksFirst() {
        return true;
    }

    /** As a connection waiting between requests: a client of a persistent connection expects its end at any time. */
    @Override
    public boolean silentClientsEndAtStop() {
        return true;
    }
}
