package dev.socklab.client;

import java.io.IOException;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * An RPC server's answer that is an error rather than a result: JSON-RPC 2.0's error object
 * (section 5.1), or XML-RPC's fault, which carries the same code and message. The message is the
 * server's text, as it came.
 */
public final class RpcErrorException extends IOException {
    private final int code;
    private final transient JsonNode data;

    RpcErrorException(int code, String message, JsonNode data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    /** The error's code, such as -32601 for a method the server does not have. */
    public int code() {
        return code;
    }

    /** What the error carries beside its message, if the server sent anything. */
    public Optional<JsonNode> data() {
        return Optional.ofNullable(data).filter(d -> !d.isNull() && !d.isMissingNode());
    }
}
