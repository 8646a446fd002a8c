package dev.socklab.rpc;

import java.net.SocketAddress;
import java.util.Optional;

import org.slf4j.Logger;

/**
 * JSON-RPC 2.0, apart from any transport: a request text in (one call, a notification or a
 * batch), the response text out, or nothing when nothing is owed (notifications, a batch of them).
 * The socket transport ({@link JsonRpcService}) and HTTP's {@code POST /jsonrpc} both answer
 * through it.
 */
public final class JsonRpc {
    private final MethodTable table;
    private final RpcLimits limits;

    /** JSON-RPC for {@code table}'s methods, within {@code limits}. */
    public JsonRpc(MethodTable table, RpcLimits limits) {
        this.table = table;
        this.limits = limits;
    }

    /**
     * Answers {@code request}, one JSON text, calling on behalf of {@code peer}.
     *
     * @return the response, one JSON text with no line end; empty when nothing is owed
     */
    public Optional<String> answer(String request, SocketAddress peer, Logger log) {
        throw new UnsupportedOperationException("being written");
    }

    /** The response to a request that could not be read at all, {@code error} with a null id. */
    public static String errorResponse(RpcException error) {
        throw new UnsupportedOperationException("being written");
    }

    /** The limits requests are held to. */
    public RpcLimits limits() {
        return limits;
    }

    MethodTable table() {
        return table;
    }
}
