package dev.socklab.tftp;

/**
 * A request or a transfer that ends with an ERROR packet: the code to send and its message, one
 * sentence the client's user reads.
 */
public final class TftpException extends Exception {
    private final ErrorCode code;

    /** A failure that ends with ERROR {@code code} and {@code message}. */
    public TftpException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The ERROR code to answer with. */
    public ErrorCode code() {
        return code;
    }
}
