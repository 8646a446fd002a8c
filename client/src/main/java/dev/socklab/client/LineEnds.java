package dev.socklab.client;

/** The line end a server puts after a one-line reply, or not: lab servers often leave it out. */
final class LineEnds {
    private LineEnds() {
    }

    /** {@code text} without one trailing CRLF or LF; only one, so that an empty last line survives. */
    static String strip(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
