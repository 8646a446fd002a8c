package dev.socklab.services.chat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The lines the server sends, each stamped with the time and shaped by who speaks (see
 * docs/services.md). Each is encoded once, with its CRLF, into a direct buffer, and the same
 * buffer goes to every member who gets it.
 */
final class ChatLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Clock clock;

    ChatLines(Clock clock) {
        this.clock = clock;
    }

    /** {@code [09:30:01] <alice> hello} */
    ByteBuffer message(String nick, String text) {
        return line("<" + nick + "> " + text);
    }

    /** {@code [09:30:01] * alice waves} */
    ByteBuffer action(String nick, String action) {
        return line("* " + nick + " " + action);
    }

    /** {@code [09:30:01] *alice* psst}, to the one it is for. */
    ByteBuffer privateFrom(String nick, String text) {
        return line("*" + nick + "* " + text);
    }

    /** {@code [09:30:01] -> *bob* psst}, the sender's copy. */
    ByteBuffer privateTo(String nick, String text) {
        return line("-> *" + nick + "* " + text);
    }

    /** {@code [09:30:01] -- bob joined lobby}: news from the server. */
    ByteBuffer news(String text) {
        return line("-- " + text);
    }

    /** {@code [09:30:01] !! nickname taken: bob}: an error or warning for one member. */
    ByteBuffer error(String text) {
        return line("!! " + text);
    }

    /** As {@link #error} but as text, for the runtime's last line to a member it disconnects. */
    String errorText(String text) {
        return stamp() + "!! " + text;
    }

    /** Direct, so that it goes to each member's socket with no copy; read-only, as it is shared. */
    private ByteBuffer line(String body) {
        byte[] bytes = (stamp() + body + "\r\n").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    private String stamp() {
        return "[" + TIME.format(LocalTime.now(clock)) + "] ";
    }
}
