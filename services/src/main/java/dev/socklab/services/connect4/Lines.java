package dev.socklab.services.connect4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lines the server sends, plain text for telnet and {@code nc}: each ends with CRLF, and an
 * error or warning for one player starts with {@code !! }, as chat's do, so that socklab's chat
 * client tells why a server closed. Lines are encoded once into a direct buffer, and the same
 * buffer goes to every player and spectator who gets it.
 */
final class Lines {
    private Lines() {
    }

    /** {@code text} as one line. */
    static ByteBuffer of(String text) {
        return of(List.of(text));
    }

    /** {@code texts}, a line each, in one buffer, so that no other line comes between them. */
    static ByteBuffer of(List<String> texts) {
        StringBuilder all = new StringBuilder();
        texts.forEach(text -> all.append(text).append("\r\n"));
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    /** {@code !! text}: an error or warning. */
    static ByteBuffer error(String text) {
        return of(errorText(text));
    }

    /** As {@link #error}, as text: for the runtime's last line to a player it disconnects. */
    static String errorText(String text) {
        return "!! " + text;
    }
}
