package dev.socklab.rpc;

import java.net.SocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.slf4j.Logger;

/**
 * XML-RPC, apart from HTTP: a {@code methodCall} document in, a {@code methodResponse} out (a
 * fault for any request that cannot be called), over the same {@link MethodTable} as JSON-RPC,
 * with {@code system.multicall} beside the table's introspection, which lists and describes it too.
 * The parser refuses a DTD, and so every entity: no external entities, no entity expansion.
 *
 * <p>A fault's {@code faultCode} is the {@link RpcException}'s, as JSON-RPC's error codes
 * ({@link ErrorCodes}): -32700 for a document that is no methodCall (a DOCTYPE among them),
 * -32001 for one larger than {@link RpcLimits#maxRequestBytes()} or nested deeper than
 * {@link RpcLimits#maxDepth()}, -32601 for an unknown method, -32602 for arguments that do not
 * fit, -32000 for a call past {@link RpcLimits#deadline()}, -32603 for a result XML-RPC cannot
 * carry (null, unless {@link RpcLimits#allowNone()}; an integer beyond 32 bits) or a method's
 * failure. The whole request, a multicall's calls together, is held to one deadline.
 */
public final class XmlRpc {
    private final MethodTable table;
    private final RpcLimits limits;
    private final XmlRpcWriter writer;
    private final XmlRpcMulticall multicall;

    /** XML-RPC for {@code table}'s methods, within {@code limits}. */
    public XmlRpc(MethodTable table, RpcLimits limits) {
        this.table = table;
        this.limits = limits;
        this.writer = new XmlRpcWriter(limits.allowNone(), false);
        this.multicall = new XmlRpcMulticall(this::dispatch, writer, limits.maxBatch());
    }

    /** Answers {@code request}, a {@code methodCall} document, calling on behalf of {@code peer}. */
    public byte[] answer(byte[] request, SocketAddress peer, Logger log) {
        CallContext context = new CallContext(peer, Instant.now().plus(limits.deadline()), log);
        try {
            if (request.length > limits.maxRequestBytes()) {
                throw new RpcException(ErrorCodes.TOO_LARGE, "the request is " + request.length
                        + " bytes, more than the " + limits.maxRequestBytes() + " this server takes",
                        Map.of("max_bytes", limits.maxRequestBytes()));
            }
            XmlRpcCall call = XmlRpcReader.readCall(request, limits.maxDepth());
            Object result = call.method().equals(XmlRpcMulticall.NAME)
                    ? multicall.call(call.params(), context)
                    : dispatch(call.method(), call.params(), context);
            return writer.response(result);
        } catch (MalformedXmlRpcException e) {
            return XmlRpcWriter.fault(e.fault());
        } catch (RpcException e) {
            return XmlRpcWriter.fault(e);
        }
    }

    /** Calls {@code method}: the table's, with {@code system.multicall} added to its introspection. */
    private Object dispatch(String method, JsonNode params, CallContext context) throws RpcException {
        boolean aboutMulticall = params.size() == 1 && params.get(0).isString()
                && params.get(0).stringValue().equals(XmlRpcMulticall.NAME);
        return switch (method) {
            case "system.listMethods" -> withMulticall(table.call(method, params, context));
            case "system.methodHelp" -> aboutMulticall ? XmlRpcMulticall.HELP : table.call(method, params, context);
            case "system.methodSignature" -> aboutMulticall ? List.of(XmlRpcMulticall.SIGNATURE)
                    : table.call(method, params, context);
            default -> table.call(method, params, context);
        };
    }

    private static List<String> withMulticall(Object names) {
        List<String> all = new ArrayList<>();
        for (Object name : (List<?>) names) {
            all.add((String) name);
        }
        all.add(XmlRpcMulticall.NAME);
        Collections.sort(all);
        return all;
    }

    /** The limits requests are held to. */
    public RpcLimits limits() {
        return limits;
    }

    MethodTable table() {
        return table;
    }
}
