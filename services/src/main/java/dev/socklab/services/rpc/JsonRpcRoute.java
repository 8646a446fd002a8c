package dev.socklab.services.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.rpc.ErrorCodes;
import dev.socklab.rpc.JsonRpc;
import dev.socklab.rpc.RpcException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/**
 * JSON-RPC 2.0 over HTTP, {@code POST /jsonrpc}: the request in the body, the response in 200's
 * body, an error object included; 204 when only notifications came.
 *
 * <p>As JSON-RPC over HTTP is commonly served: any other method is 405 with {@code Allow: POST};
 * the body's type may be {@code application/json}, {@code application/json-rpc},
 * {@code application/jsonrequest}, or none, and {@code application/x-www-form-urlencoded} too, the
 * type {@code curl -d} sends (415 for any other). Every response is {@code application/json}. A
 * body longer than {@link dev.socklab.rpc.RpcLimits#maxRequestBytes()} is 413, as curl users expect
 * of an HTTP server, with a -32001 error object for a body, so a JSON-RPC client reads why: a
 * {@code Content-Length} over the limit is refused before a byte of the body is read, a chunked body
 * once the limit is passed; what is left of the body is then the http service's to read away, or
 * close on, within its own body limit ({@code --http-max-body}).
 */
public final class JsonRpcRoute implements Route {
    private static final Set<String> TYPES = Set.of("application/json", "application/json-rpc",
            "application/jsonrequest", "application/x-www-form-urlencoded");
    private static final Fields JSON = Fields.of("Content-Type", "application/json");

    private final JsonRpc rpc;

    /** Answers with {@code rpc}. */
    public JsonRpcRoute(JsonRpc rpc) {
        this.rpc = rpc;
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
        Optional<byte[]> body = body(exchange);
        if (body.isEmpty()) {
            int limit = rpc.limits().maxRequestBytes();
            exchange.respond(413, JSON, bytes(JsonRpc.errorResponse(new RpcException(ErrorCodes.TOO_LARGE,
                    "the request is longer than the " + limit + " bytes the server takes: send it in parts",
                    Map.of("max_bytes", limit)))));
            return;
        }
        Optional<String> response = rpc.answer(new String(body.get(), StandardCharsets.UTF_8),
                exchange.connection().peer(), exchange.connection().log());
        if (response.isEmpty()) {
            exchange.respond(204, Fields.none(), new byte[0]);
        } else {
            exchange.respond(200, JSON, bytes(response.get()));
        }
    }

    /** The body, or empty if it is longer than the limit: read no further than the limit and a byte. */
    private Optional<byte[]> body(Exchange exchange) throws IOException, HttpException {
        int limit = rpc.limits().maxRequestBytes();
        Optional<String> length = exchange.request().fields().first("Content-Length");
        // The service has checked that a Content-Length is a number.
        if (length.isPresent() && Long.parseLong(length.get().strip()) > limit) {
            return Optional.empty();
        }
        InputStream in = exchange.bodyStream();
        byte[] body;
        try {
            body = in.readNBytes(limit + 1);
        } catch (IOException e) {
            if (e.getCause() instanceof HttpException http) {
                throw http;
            }
            throw e;
        }
        return body.length > limit ? Optional.empty() : Optional.of(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
