package dev.socklab.rpc;

import java.net.SocketAddress;

import org.slf4j.Logger;

/**
 * XML-RPC, apart from HTTP: a {@code methodCall} document in, a {@code methodResponse} out (a
 * fault for any request that cannot be called), over the same {@link MethodTable} as JSON-RPC,
 * with {@code system.multicall} beside the table's introspection. The parser refuses a DTD, and so
 * every entity: no external entities, no entity expansion.
 */
public final class XmlRpc {
    private final MethodTable table;
    private final RpcLimits limits;

    /** XML-RPC for {@code table}'s methods, within {@code limits}. */
    public XmlRpc(MethodTable table, RpcLimits limits) {
        this.table = table;
        this.limits = limits;
    }

    /** Answers {@code request}, a {@code methodCall} document, calling on behalf of {@code peer}. */
    public byte[] answer(byte[] request, SocketAddress peer, Logger log) {
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
