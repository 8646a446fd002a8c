package dev.socklab.rpc;

import java.net.SocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;

import dev.socklab.text.Durations;

/**
 * JSON-RPC 2.0, apart from any transport: a request text in (one call, a notification or a
 * batch), the response text out, or nothing when nothing is owed (notifications, a batch of them).
 * The socket transport ({@link JsonRpcService}) and HTTP's {@code POST /jsonrpc} both answer
 * through it.
 *
 * <p>As the specification (https://www.jsonrpc.org/specification) has it: {@code "jsonrpc": "2.0"} is
 * required; an id is a string, a number or null, and the response carries it as it came; parameters
 * by position or by name; a notification (no {@code id} member) is called and never answered, not
 * even with an error; a batch answers its requests only, in order, and a batch of notifications
 * answers nothing; an empty batch is one -32600 error, not an array; a batch entry that is no
 * request object gets a -32600 of its own. Errors: -32700 for text that is not JSON, -32600 for JSON
 * that is no request, -32601, -32602, -32603, and the server's own: -32000 for a call past its
 * deadline, -32001 for a request longer or nested deeper than the limits, -32002 for a batch longer
 * than {@link RpcLimits#maxBatch()} (none of its calls is made). Each error's message is one
 * sentence; its {@code data} is {@link RpcException#data()}, e.g. the limit that was passed.
 *
 * <p>A batch's calls run one after another, in order, in its caller's thread, and share one deadline,
 * {@link RpcLimits#deadline()} from when the request was read, as a {@code system.multicall}'s do:
 * a batch of slow calls cannot multiply it, and a call that starts past it is answered -32000.
 */
public final class JsonRpc {
    private final MethodTable table;
    private final RpcLimits limits;
    private final JsonRpcParser parser;

    /** JSON-RPC for {@code table}'s methods, within {@code limits}. */
    public JsonRpc(MethodTable table, RpcLimits limits) {
        this.table = table;
        this.limits = limits;
        this.parser = new JsonRpcParser(limits);
    }

    /**
     * Answers {@code request}, one JSON text, calling on behalf of {@code peer}. Each call is logged
     * on {@code log} at debug; a method's own failure as a warning.
     *
     * @return the response, one JSON text with no line end; empty when nothing is owed
     */
    public Optional<String> answer(String request, SocketAddress peer, Logger log) {
        JsonNode tree;
        try {
            tree = parser.parse(request);
        } catch (RpcException e) {
            log.debug("refused: {} {}", e.code(), e.getMessage());
            return Optional.of(errorResponse(e, log));
        }
        Instant deadline = Instant.now().plus(limits.deadline());
        if (!tree.isArray()) {
            return one(tree, peer, deadline, log).map(JsonRpcResponses::text);
        }
        if (tree.isEmpty()) {
            return Optional.of(errorResponse(new RpcException(ErrorCodes.INVALID_REQUEST,
                    "an empty batch is no request: send at least one request in it"), log));
        }
        if (tree.size() > limits.maxBatch()) {
            log.debug("refused a batch of {}", tree.size());
            return Optional.of(errorResponse(new RpcException(ErrorCodes.LIMIT_EXCEEDED, "a batch of " + tree.size()
                    + " requests is more than the " + limits.maxBatch() + " the server takes: send it in parts",
                    Map.of("max_batch", limits.maxBatch())), log));
        }
        ArrayNode responses = RpcValues.MAPPER.createArrayNode();
        for (JsonNode entry : tree) {
            one(entry, peer, deadline, log).ifPresent(responses::add);
        }
        return responses.isEmpty() ? Optional.empty() : Optional.of(JsonRpcResponses.text(responses));
    }

    /** The response to a request that could not be read at all, {@code error} with a null id. */
    public static String errorResponse(RpcException error) {
        return errorResponse(error, NOPLogger.NOP_LOGGER);
    }

    private static String errorResponse(RpcException error, Logger log) {
        return JsonRpcResponses.text(JsonRpcResponses.error(NullNode.getInstance(), error, log));
    }

    /** The limits requests are held to. */
    public RpcLimits limits() {
        return limits;
    }

    MethodTable table() {
        return table;
    }

    /** The response to one request object of a request or a batch, or empty for a notification. */
    private Optional<JsonNode> one(JsonNode entry, SocketAddress peer, Instant deadline, Logger log) {
        return switch (JsonRpcEntry.of(entry)) {
            case JsonRpcEntry.Invalid invalid -> {
                log.debug("invalid request: {}", invalid.error().getMessage());
                yield Optional.of(JsonRpcResponses.error(invalid.id(), invalid.error(), log));
            }
            case JsonRpcEntry.Call call -> {
                JsonNode response = call(call, new CallContext(peer, deadline, log), log);
                yield call.notification() ? Optional.empty() : Optional.of(response);
            }
        };
    }

    private JsonNode call(JsonRpcEntry.Call call, CallContext context, Logger log) {
        long start = System.nanoTime();
        try {
            JsonNode result = resultTree(call.method(), table.call(call.method(), call.params(), context), log);
            if (log.isDebugEnabled()) {
                log.debug("{} answered in {}", call.method(), Durations.elapsed(System.nanoTime() - start));
            }
            return JsonRpcResponses.result(call.id(), result);
        } catch (RpcException e) {
            if (log.isDebugEnabled()) {
                log.debug("{} failed in {}: {} {}", call.method(), Durations.elapsed(System.nanoTime() - start),
                        e.code(), e.getMessage());
            }
            return JsonRpcResponses.error(call.id(), e, log);
        }
    }

    /** A method's result as a tree; one that cannot be written as JSON is the method's fault, -32603. */
    private static JsonNode resultTree(String method, Object result, Logger log) throws RpcException {
        if (result == null) {
            return NullNode.getInstance();
        }
        // The commonest results are made into nodes directly, rather than written through a token buffer.
        switch (result) {
            case JsonNode node -> {
                return node;
            }
            case String text -> {
                return RpcValues.MAPPER.getNodeFactory().stringNode(text);
            }
            case Long number -> {
                return RpcValues.MAPPER.getNodeFactory().numberNode(number);
            }
            case Integer number -> {
                return RpcValues.MAPPER.getNodeFactory().numberNode(number);
            }
            case Boolean flag -> {
                return RpcValues.MAPPER.getNodeFactory().booleanNode(flag);
            }
            default -> {
            }
        }
        try {
            return RpcValues.toTree(result);
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("the result of {} cannot be written as JSON", method, e);
            throw new RpcException(ErrorCodes.INTERNAL_ERROR, "internal error: the result of " + method
                    + " cannot be written as JSON");
        }
    }
}
