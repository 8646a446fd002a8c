package dev.socklab.tftp;

/** The error codes of an ERROR packet: RFC 1350's 0 to 7, and RFC 2347's 8 for a refused option. */
public enum ErrorCode {
    /** Not defined: the message says what. */
    NOT_DEFINED(0),
    /** File not found. */
    FILE_NOT_FOUND(1),
    /** Access violation: the name or the operation is not allowed. */
    ACCESS_VIOLATION(2),
    /** Disk full or allocation exceeded. */
    DISK_FULL(3),
    /** Illegal TFTP operation: a packet that makes no sense here. */
    ILLEGAL_OPERATION(4),
    /** Unknown transfer ID: a packet from a port that is not the transfer's peer. */
    UNKNOWN_TRANSFER_ID(5),
    /** File already exists. */
    FILE_EXISTS(6),
    /** No such user. */
    NO_SUCH_USER(7),
    /** An option was refused (RFC 2347): the transfer ends. */
    OPTION_REFUSED(8);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }
}
