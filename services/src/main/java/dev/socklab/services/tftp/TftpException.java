package dev.socklab.services.tftp;

/**
 * A request or a transfer that ends with an ERROR packet: the code to send and its message, one
 * sentence the client's user reads.
 */
final class TftpException extends Exception {
    private final ErrorCode code;

    TftpException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
