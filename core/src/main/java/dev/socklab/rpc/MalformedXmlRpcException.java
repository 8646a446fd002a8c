package dev.socklab.rpc;

import java.io.IOException;

/**
 * A document that is no XML-RPC message, or one past a limit (nesting, size): what the server
 * answers with a fault of {@link #code()} and what a client sees as the {@link IOException} its
 * call failed with.
 */
final class MalformedXmlRpcException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int code;

    /** A document that is no XML-RPC message: -32700. */
    MalformedXmlRpcException(String message) {
        this(ErrorCodes.PARSE_ERROR, message);
    }

    /** A document refused with {@code code}, {@link ErrorCodes#PARSE_ERROR} or {@link ErrorCodes#TOO_LARGE}. */
    MalformedXmlRpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The fault code the server answers with. */
    int code() {
        return code;
    }

    /** This refusal as the fault the server answers. */
    RpcException fault() {
        return new RpcException(code, getMessage());
    }
}
