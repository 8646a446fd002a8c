package dev.socklab.services.tftp;

import dev.socklab.tftp.Packet;

/** The peer sent an ERROR: the transfer ends there, and nothing is sent back (RFC 1350 section 7). */
final class CancelledByPeer extends Exception {
    CancelledByPeer(Packet.Error error) {
        super("ERROR " + error.code() + " " + error.message(), null, false, false);
    }
}
