package dev.socklab.client;

import java.io.IOException;

/**
 * A file server's answer that refuses what was asked: a TFTP ERROR packet, or an FTP reply of 4xx
 * or 5xx, such as a missing file or a refused login. The message is one sentence that quotes the
 * server and says what to try.
 */
public final class ServerRefusedException extends IOException {
    private final int code;

    ServerRefusedException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The server's code: the TFTP error code, or the FTP reply code. */
    public int code() {
        return code;
    }
}
