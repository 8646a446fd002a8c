package dev.socklab.rpc;

import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * One entry of a JSON-RPC request, checked against section 4 of the specification: a call to make,
 * or the -32600 error an entry that is no request object gets.
 */
sealed interface JsonRpcEntry {
    /**
     * A request object that may be called.
     *
     * @param id the id to answer with, exactly as it came; null (no node) for a notification
     */
    record Call(String method, JsonNode params, JsonNode id) implements JsonRpcEntry {
        boolean notification() {
            return id == null;
        }
    }

    /** An entry that is no request object: answered with {@code error}, even without an id. */
    record Invalid(RpcException error, JsonNode id) implements JsonRpcEntry {
    }

    /**
     * What {@code node} asks for. An invalid entry's error carries its id when the id itself is of a
     * type the specification allows, and null otherwise (section 5: an id that could not be made out).
     */
    static JsonRpcEntry of(JsonNode node) {
        if (!node.isObject()) {
            return invalid("a request is a JSON object, not " + kind(node), NullNode.getInstance());
        }
        JsonNode id = node.get("id");
        boolean idValid = id == null || id.isString() || id.isNumber() || id.isNull();
        JsonNode answerId = id != null && idValid ? id : NullNode.getInstance();
        if (!idValid) {
            return invalid("a request's id is a string, a number or null, not " + kind(id), answerId);
        }
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isString() || !version.asString().equals("2.0")) {
            return invalid("a request says \"jsonrpc\": \"2.0\"", answerId);
        }
        JsonNode method = node.get("method");
        if (method == null || !method.isString()) {
            return invalid("a request's method is a string, the name of the method to call", answerId);
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isContainer()) {
            return invalid("a request's params are an array or an object, not " + kind(params), answerId);
        }
        return new Call(method.asString(), params, id);
    }

    private static Invalid invalid(String message, JsonNode id) {
        return new Invalid(new RpcException(ErrorCodes.INVALID_REQUEST, message), id);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
