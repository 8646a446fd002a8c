package dev.socklab.rpc;

/**
 * JSON-RPC 2.0's error codes (section 5.1), which XML-RPC faults carry too, as the
 * specification for fault codes interoperability proposes. The server's own errors are in
 * -32000 to -32099.
 */
public final class ErrorCodes {
    /** The request is not valid JSON (or XML). */
    public static final int PARSE_ERROR = -32700;
    /** The request is well formed but no request object. */
    public static final int INVALID_REQUEST = -32600;
    /** No method of that name. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** The arguments do not fit the method's parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** The method failed in a way that is the server's fault. */
    public static final int INTERNAL_ERROR = -32603;
    /** The call did not end by its deadline ({@code --rpc-deadline}); data says the deadline. */
    public static final int DEADLINE_EXCEEDED = -32000;
    /** The request is larger than the server takes, or nested deeper; data says the limit. */
    public static final int TOO_LARGE = -32001;
    /** The call was refused by a limit of the server's (batch length, calls per source). */
    public static final int LIMIT_EXCEEDED = -32002;

    private ErrorCodes() {
    }
}
