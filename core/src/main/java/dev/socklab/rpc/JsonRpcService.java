package dev.socklab.rpc;

import java.io.IOException;

import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;

/**
 * JSON-RPC 2.0 over a stream socket, one JSON text per line each way, so that {@code nc} can
 * call: requests may be pipelined, and each response carries its request's id.
 */
public final class JsonRpcService implements StreamService {
    private final JsonRpc rpc;

    /** Serves {@code rpc}'s methods. */
    public JsonRpcService(JsonRpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public void serve(Connection conn) throws IOException {
        throw new UnsupportedOperationException("being written");
    }
}
