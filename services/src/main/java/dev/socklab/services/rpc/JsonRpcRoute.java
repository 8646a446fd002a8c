package dev.socklab.services.rpc;

import java.io.IOException;

import dev.socklab.http.HttpException;
import dev.socklab.rpc.JsonRpc;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/**
 * JSON-RPC 2.0 over HTTP, {@code POST /jsonrpc}: the request in the body, the response in 200's
 * body, an error object included; 204 when only notifications came.
 */
public final class JsonRpcRoute implements Route {
    private final JsonRpc rpc;

    /** Answers with {@code rpc}. */
    public JsonRpcRoute(JsonRpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        throw new UnsupportedOperationException("being written");
    }
}
