package dev.socklab.rpc;

import java.util.Optional;

/**
 * An RPC error, as JSON-RPC 2.0's error object has it (section 5.1) and XML-RPC's fault carries
 * it: a code, a one-sentence message, and optional data. The codes are {@link ErrorCodes}'.
 */
public final class RpcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient Object data;

    /** The error {@code code} with {@code message} and no data. */
    public RpcException(int code, String message) {
        this(code, message, null);
    }

    /** The error {@code code} with {@code message} and {@code data}, a value as a method's result is. */
    public RpcException(int code, String message, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    /** -32602: the arguments do not fit the method. */
    public static RpcException invalidParams(String message) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, message);
    }

    /** The error's code. */
    public int code() {
        return code;
    }

    /** What the error carries beside its message, if anything. */
    public Optional<Object> data() {
        return Optional.ofNullable(data);
    }
}
