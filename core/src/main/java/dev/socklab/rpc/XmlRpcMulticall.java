package dev.socklab.rpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * {@code system.multicall}, as Python's {@code MultiCall} sends it and its server answers it: one
 * array of {@code {methodName, params}} structs in, one array out, each success a one-element
 * array of its result and each failure a fault struct, so that one call's failure leaves the
 * others' results standing. The calls run in turn, all by the request's one deadline; a nested
 * {@code system.multicall} is refused, and so are more calls than the batch limit.
 */
final class XmlRpcMulticall {
    static final String NAME = "system.multicall";
    static final String HELP = "Calls each {methodName, params} struct of an array in turn: an array of "
            + "one-element arrays of the results, with a fault struct for each call that failed.";
    static final List<String> SIGNATURE = List.of("array", "array");

    /** One call of the many: the method's name and its parameters, as {@link XmlRpc} calls any. */
    @FunctionalInterface
    interface Dispatch {
        Object call(String method, JsonNode params, CallContext context) throws RpcException;
    }

    private final Dispatch dispatch;
    private final XmlRpcWriter writer;
    private final int maxCalls;

    /** Calls through {@code dispatch}, checking each result with {@code writer}, at most {@code maxCalls} a request. */
    XmlRpcMulticall(Dispatch dispatch, XmlRpcWriter writer, int maxCalls) {
        this.dispatch = dispatch;
        this.writer = writer;
        this.maxCalls = maxCalls;
    }

    /** The answers to the calls in {@code params}, one argument: the array of calls. */
    List<Object> call(JsonNode params, CallContext context) throws RpcException {
        if (params.size() != 1 || !params.get(0).isArray()) {
            throw RpcException.invalidParams(NAME + " takes one array of {methodName, params} structs");
        }
        JsonNode calls = params.get(0);
        if (calls.size() > maxCalls) {
            throw new RpcException(ErrorCodes.LIMIT_EXCEEDED, NAME + " of " + calls.size()
                    + " calls, more than the " + maxCalls + " this server takes", Map.of("max_batch", maxCalls));
        }
        List<Object> answers = new ArrayList<>(calls.size());
        for (JsonNode call : calls.values()) {
            try {
                Object result = one(call, context);
                // A result that cannot be written is that call's fault, not the whole response's.
                writer.check(result);
                answers.add(Collections.singletonList(result));
            } catch (RpcException e) {
                Map<String, Object> fault = new LinkedHashMap<>();
                fault.put("faultCode", e.code());
                fault.put("faultString", e.getMessage());
                answers.add(fault);
            }
        }
        return answers;
    }

    private Object one(JsonNode call, CallContext context) throws RpcException {
        JsonNode method = call.get("methodName");
        JsonNode params = call.get("params");
        if (!call.isObject() || method == null || !method.isString() || params == null || !params.isArray()) {
            throw new RpcException(ErrorCodes.INVALID_REQUEST,
                    "each call of a " + NAME + " is a struct of a string methodName and an array of params");
        }
        if (method.stringValue().equals(NAME)) {
            throw new RpcException(ErrorCodes.INVALID_REQUEST, NAME + " cannot call " + NAME);
        }
        return dispatch.call(method.stringValue(), params, context);
    }
}
