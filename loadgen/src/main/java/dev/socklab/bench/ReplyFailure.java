package dev.socklab.bench;

/**
 * An rpc reply that does not count, and the kind of error it counts as instead: malformed, another
 * status, a mismatched id, an RPC error or fault. Without a stack trace: it is an outcome, not a bug.
 */
final class ReplyFailure extends Exception {
    private final ErrorKind kind;

    ReplyFailure(ErrorKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    ErrorKind kind() {
        return kind;
    }
}
