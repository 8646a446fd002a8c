package dev.socklab.services.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.rpc.JsonRpc;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/**
 * JSON-RPC 2.0 over HTTP, {@code POST /jsonrpc}: the request in the body, the response in 200's
 * body, an error object included; 200 with an empty body when only notifications came, as
 * jsonrpclib's own server answers them: its client (python3-jsonrpclib-pelix) takes any status but
 * 200 for a failed notification, 204 included.
 *
 * <p>As JSON-RPC over HTTP is commonly served: any other method is 405 with {@code Allow: POST};
 * the body's type may be {@code application/json}, {@code application/json-rpc},
 * {@code application/jsonrequest}, or none, and {@code application/x-www-form-urlencoded} too, the
 * type {@code curl -d} sends (415 for any other). Every JSON-RPC response is
 * {@code application/json}. A body longer than {@link dev.socklab.rpc.RpcLimits#maxRequestBytes()} is
 * refused with 413 (a line of text, as each of the http service's refusals) and the connection closes, as curl users expect of an HTTP server and as the http service refuses a body
 * past its own limit: the rest of the body is never read, so a 100 MiB request costs the server the
 * limit at most. A {@code Content-Length} over the limit is refused before a byte of the body is
 * read; a chunked body once the limit is passed.
 */
public final class JsonRpcRoute implements Route {
    private static final Set<String> TYPES = Set.of("application/json", "application/json-rpc",
            "application/jsonrequest", "application/x-www-form-urlencoded");
    private static final Fields JSON = Fields.of("Content-Type", "application/json");

    private final Supplier<JsonRpc> rpcs;

    /** Answers with {@code rpc}. */
    public JsonRpcRoute(JsonRpc rpc) {
        this(() -> rpc);
    }

    /** Answers with what {@code rpcs} gives, asked once a request: a reload may give another, with new limits. */
    public JsonRpcRoute(Supplier<JsonRpc> rpcs) {
        this.rpcs = rpcs;
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        if (!exchange.request().method().equals("POST")) {
            exchange.respond(405, Fields.of("Allow", "POST", "Content-Type", "text/plain; charset=utf-8"),
                    "JSON-RPC is called with POST\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<String> type = exchange.request().fields().first("Content-Type")
                .map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
        if (type.isPresent() && !TYPES.contains(type.get())) {
            throw new HttpException(415, "a JSON-RPC request is application/json, not " + type.get());
        }
        JsonRpc rpc = rpcs.get();
        byte[] body = LimitedBody.read(exchange, rpc.limits().maxRequestBytes(), "JSON-RPC request");
        Optional<String> response = rpc.answer(new String(body, StandardCharsets.UTF_8),
                exchange.connection().peer(), exchange.connection().log());
        if (response.isEmpty()) {
            exchange.respond(200, Fields.none(), new byte[0]);
        } else {
            exchange.respond(200, JSON, bytes(response.get()));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
