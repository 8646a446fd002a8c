package dev.socklab.services.tftp;

import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.TftpException;

/**
 * How patient a transfer is: the last packets go out again at each timeout, at most
 * {@value #MAX_RETRANSMISSIONS} times without progress, then the transfer gives up with an ERROR.
 */
final class Retransmission {
    /** Retransmissions of one packet or window, after the first sending, before a transfer gives up. */
    static final int MAX_RETRANSMISSIONS = 5;
    /** The longest ACK or ERROR a transfer reads; longer ones are cut (an ERROR's message is only logged). */
    static final int MAX_CONTROL_PACKET = 516;

    private Retransmission() {
    }

    /** The ERROR a transfer ends with when its peer stayed silent. */
    static TftpException timedOut(String waitedFor) {
        return new TftpException(ErrorCode.NOT_DEFINED, "timed out: no " + waitedFor + " after "
                + MAX_RETRANSMISSIONS + " retransmissions");
    }
}
