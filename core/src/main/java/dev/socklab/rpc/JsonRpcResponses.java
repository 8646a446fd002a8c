package dev.socklab.rpc;

import org.slf4j.Logger;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0's response objects (section 5): {@code jsonrpc}, then {@code result} or {@code error},
 * then {@code id}, in the specification's own order, so that a person reading them with {@code nc}
 * reads them as its examples show them.
 */
final class JsonRpcResponses {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpcResponses() {
    }

    /** The response carrying {@code result}. */
    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
        response.set("result", result);
        response.set("id", id);
        return response;
    }

    /**
     * The response carrying {@code error}: its code, its message, and its data when it has some. Data
     * that cannot be written as JSON (a method's mistake) is left out and logged on {@code log}.
     */
    static ObjectNode error(JsonNode id, RpcException error, Logger log) {
        ObjectNode body = NODES.objectNode().put("code", error.code()).put("message", String.valueOf(error.getMessage()));
        error.data().ifPresent(data -> {
            try {
                body.set("data", RpcValues.toTree(data));
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn("the data of error {} cannot be written as JSON, so it is left out", error.code(), e);
            }
        });
        ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
        response.set("error", body);
        response.set("id", id == null ? NullNode.getInstance() : id);
        return response;
    }

    /** {@code response} as one line of JSON text. */
    static String text(JsonNode response) {
        return RpcValues.MAPPER.writeValueAsString(response);
    }
}
