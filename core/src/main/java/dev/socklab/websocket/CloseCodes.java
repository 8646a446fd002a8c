package dev.socklab.websocket;

/** The status codes of a close frame (RFC 6455 §7.4) that socklab sends or must tell apart. */
public final class CloseCodes {
    /** The purpose of the connection is fulfilled. */
    public static final int NORMAL = 1000;
    /** The end is going away: a server stopping, a browser leaving the page. */
    public static final int GOING_AWAY = 1001;
    /** The other end broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** Never sent: a close frame without a code, as the receiving end reports it. */
    public static final int NO_STATUS = 1005;
    /** Never sent: the connection ended without a close frame, as an end reports it. */
    public static final int ABNORMAL = 1006;
    /** A text message, or a close reason, that is not UTF-8. */
    public static final int INVALID_DATA = 1007;
    /** A message longer than this end accepts. */
    public static final int TOO_BIG = 1009;
    /** This end met something it did not expect, a bug. */
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }

    /**
     * Whether {@code code} may travel in a close frame: the codes RFC 6455 defines for the wire
     * (1000 to 1003, 1007 to 1011), those IANA registered since (1012 to 1014), and the ones left to
     * libraries and applications (3000 to 4999). 1004, 1005, 1006, 1015 and the rest are not.
     */
    public static boolean mayBeSent(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
