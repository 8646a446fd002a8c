package dev.socklab.client;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.socklab.rpc.RpcValues;
import dev.socklab.text.Visible;

/**
 * JSON-RPC 2.0's messages from the client's side, whatever carries them: the request object, and
 * the response read back into its result or its error. A response is read leniently where the
 * specification's older version differs (JSON-RPC 1.0 sends {@code "error": null} beside a result
 * and no {@code jsonrpc} member), strictly where a mix-up would go unseen: an answer to another id.
 */
final class RpcJson {
    /** How much of a message a trace line or an error quotes. */
    private static final int QUOTED = 200;

    private RpcJson() {
    }

    /** The request object calling {@code method} with {@code params} (an array or an object), as one line of JSON. */
    static String request(long id, String method, JsonNode params) {
        ObjectNode request = RpcValues.MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        return RpcValues.MAPPER.writeValueAsString(request);
    }

    /**
     * The result in {@code text}, the answer to the request {@code id}.
     *
     * @return the result; empty if {@code text} is the server's own notification, which answers nothing
     * @throws RpcErrorException the error the server answered with
     * @throws BadResponseException if {@code text} is no JSON-RPC response, or answers another request
     */
    static Optional<JsonNode> result(String text, long id) throws RpcErrorException, BadResponseException {
        JsonNode response;
        try {
            response = RpcValues.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new BadResponseException("the server's answer is not JSON: " + quote(text));
        }
        if (response == null || !response.isObject()) {
            throw new BadResponseException("the server's answer is not a JSON-RPC response object: " + quote(text));
        }
        if (response.has("method") && !response.has("id")) {
            return Optional.empty();
        }
        JsonNode answered = response.get("id");
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            // An error with a null id answers a request the server could not read: this one.
            if (answered != null && !answered.isNull() && !isId(answered, id)) {
                throw otherId(answered, id);
            }
            throw error(error, text);
        }
        if (answered == null || !isId(answered, id)) {
            throw otherId(answered, id);
        }
        JsonNode result = response.get("result");
        if (result == null) {
            throw new BadResponseException("the server's response has neither a result nor an error: " + quote(text));
        }
        return Optional.of(result);
    }

    /** {@code text} cut to a length a line can show, its control characters made visible. */
    static String quote(String text) {
        return Visible.of(text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "...");
    }

    private static boolean isId(JsonNode answered, long id) {
        return answered.isIntegralNumber() && answered.canConvertToLong() && answered.longValue() == id;
    }

    private static BadResponseException otherId(JsonNode answered, long id) {
        return new BadResponseException("the server answered the request with id " + quote(String.valueOf(answered))
                + ", not the one with id " + id + " just sent");
    }

    private static RpcErrorException error(JsonNode error, String text) throws BadResponseException {
        JsonNode code = error.get("code");
        JsonNode message = error.get("message");
        if (!error.isObject() || code == null || !code.isIntegralNumber() || !code.canConvertToInt()
                || message == null || !message.isString()) {
            throw new BadResponseException("the server's error is not an object with an integer code and a message: "
                    + quote(text));
        }
        return new RpcErrorException(code.intValue(), message.stringValue(), error.get("data"));
    }
}
