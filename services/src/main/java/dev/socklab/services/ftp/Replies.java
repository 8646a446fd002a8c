package dev.socklab.services.ftp;

import java.io.IOException;
import java.util.List;

import dev.socklab.service.Connection;

/**
 * FTP's replies on the control connection (RFC 959 section 4.2): a three-digit code and a text, and a
 * multi-line reply as {@code 211-first}, lines that each begin with a space, then {@code 211 last}.
 */
final class Replies {
    private final Connection control;

    Replies(Connection control) {
        this.control = control;
    }

    /** One line: {@code 200 text}. A line end in {@code text} could forge a reply, so none is sent. */
    void send(int code, String text) throws IOException {
        control.writeLine(code + " " + oneLine(text));
    }

    /** {@code code-first}, each of {@code lines} after a space, then {@code code last}, in one write. */
    void multi(int code, String first, List<String> lines, String last) throws IOException {
        StringBuilder reply = new StringBuilder().append(code).append('-').append(oneLine(first)).append("\r\n");
        lines.forEach(line -> reply.append(' ').append(oneLine(line)).append("\r\n"));
        control.writeLine(reply.append(code).append(' ').append(oneLine(last)).toString());
    }

    /** A path in a 257 reply, quoted as RFC 959's appendix II says: a {@code "} in it doubled. */
    static String quoted(String path) {
        return '"' + path.replace("\"", "\"\"") + '"';
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
