package dev.socklab.client;

import dev.socklab.tftp.Packet;

/** A TFTP ERROR packet as one sentence for a person, with what to try for the codes RFC 1350 names. */
final class TftpErrors {
    private TftpErrors() {
    }

    static ServerRefusedException refused(Packet.Error error) {
        int code = error.code();
        String hint = switch (code) {
            case 1 -> ": check the name, which is relative to the server's root";
            case 2 -> ": the server may not let this file be read or written (tftpd-hpa writes only with -c or to"
                    + " an existing file; socklab only with --tftp-write or --tftp-create)";
            case 3 -> ": the server's disk or quota is full";
            case 6 -> ": the file is there already, and the server does not replace it";
            case 8 -> ": the server refused the options; try without --blksize and --windowsize";
            default -> "";
        };
        String message = error.message().isEmpty() ? "" : ": " + error.message();
        return new ServerRefusedException(code, "the server answered TFTP error " + code + message + hint);
    }
}
