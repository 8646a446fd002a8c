package dev.socklab.services.ftp;

import java.util.Locale;

/**
 * One line of a client's: a verb, in any case on the wire and upper case here, and its argument, the
 * rest of the line after one space, kept as sent (a path may begin or end with spaces).
 *
 * @param verb the command, such as {@code RETR}
 * @param argument what follows the first space, or empty
 */
record FtpCommand(String verb, String argument) {
    /**
     * Reads a line without its end. Telnet's Interrupt Process and Synch (IAC 0xF4, IAC 0xF2), which
     * a client may send before ABOR (RFC 959 section 4.1.3, as lftp does), are no UTF-8: they came
     * as U+FFFD, and are dropped from the line's start.
     */
    static FtpCommand parse(String received) {
        String line = received.substring(telnetPrefix(received));
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1);
        return new FtpCommand(verb.strip().toUpperCase(Locale.ROOT), argument);
    }

    private static int telnetPrefix(String line) {
        int start = 0;
        while (start < line.length() && line.charAt(start) == '\uFFFD') {
            start++;
        }
        return start;
    }

    /** What a log line may show of it: a password never. */
    String shown() {
        return verb.equals("PASS") ? "PASS ****" : argument.isEmpty() ? verb : verb + " " + argument;
    }
}
