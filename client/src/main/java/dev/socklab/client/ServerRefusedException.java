package dev.socklab.client;

import java.io.IOException;

/**
 * A file server's answer that refuses what was asked: a TFTP ERROR packet, or an FTP reply of 4xx
 * or 5xx, such as a missing file or a refused login; or an arena's REFUSED. The message is one
 * sentence that quotes the server and says what to try.
 */
public final class ServerRefusedException extends IOException {
    private final int code;

    /** A refusal with the server's {@code code}, told in {@code message}, one sentence. */
    public ServerRefusedException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The server's code: the TFTP error code, the FTP reply code, or the arena's REFUSED reason. */
    public int code() {
        return code;
    }
}
