package dev.socklab.services.arp;

import java.util.HexFormat;

import dev.socklab.net.AddressException;

/**
 * Reads the text forms of a hardware address. Every rejection names the text and says
 * what to write instead, because the text may come from a request line or a table file.
 */
final class HardwareAddressText {

    private static final String EXAMPLE = "such as 00:1A:2B:3C:4D:5E";
    private static final String HINT = "write hex octets separated by ':' or '-', " + EXAMPLE;

    /** Long enough to recognise the input in a message, short enough that a hostile request cannot flood the log. */
    private static final int MAX_QUOTED = 48;

    private HardwareAddressText() {
    }

    /** See {@link HardwareAddress#parse(String)}. */
    static byte[] parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new AddressException("the hardware address is empty: " + HINT);
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != ':' && c != '-' && c != '.' && !isHex(c)) {
                throw invalid(t, HINT);
            }
        }
        int separators = (t.indexOf(':') >= 0 ? 1 : 0) + (t.indexOf('-') >= 0 ? 1 : 0)
                + (t.indexOf('.') >= 0 ? 1 : 0);
        if (separators > 1) {
            throw invalid(t, "it mixes separators, so use one of ':', '-' or '.' throughout, " + EXAMPLE);
        }
        if (t.indexOf('.') >= 0) {
            return dotted(t);
        }
        return separated(t, t.indexOf('-') >= 0 ? '-' : ':');
    }

    /** Octets separated by ':' (one or two digits each, as ethers allows) or '-' (two digits each). */
    private static byte[] separated(String t, char separator) {
        checkCount(t, count(t, separator) + 1);
        String[] parts = t.split(separator == ':' ? ":" : "-", -1);
        String example = separator == ':' ? EXAMPLE : "such as 00-1A-2B-3C-4D-5E";
        byte[] octets = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw invalid(t, "an octet is missing before or after a '" + separator + "', " + example);
            }
            if (part.length() > 2) {
                throw invalid(t, "'" + quote(part) + "' has too many digits for an octet, which has "
                        + (separator == ':' ? "one or two" : "two") + " hex digits, " + example);
            }
            if (separator == '-' && part.length() == 1) {
                throw invalid(t, "with '-' each octet has two hex digits, " + example);
            }
            octets[i] = (byte) HexFormat.fromHexDigits(part);
        }
        return octets;
    }

    /** Cisco's form: groups of exactly four hex digits separated by '.', two octets each. */
    private static byte[] dotted(String t) {
        checkCount(t, 2 * (count(t, '.') + 1));
        String[] groups = t.split("\\.", -1);
        byte[] octets = new byte[2 * groups.length];
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].length() != 4) {
                throw invalid(t, "with '.' each group has exactly four hex digits, such as 0123.4567.89AB");
            }
            int group = HexFormat.fromHexDigits(groups[i]);
            octets[2 * i] = (byte) (group >>> 8);
            octets[2 * i + 1] = (byte) group;
        }
        return octets;
    }

    private static void checkCount(String t, int octets) {
        if (octets > HardwareAddress.MAX_OCTETS) {
            throw invalid(t, "it has " + octets + " octets, and a hardware address has at most "
                    + HardwareAddress.MAX_OCTETS);
        }
    }

    /** Counted before splitting, so a long run of separators is refused without building its parts. */
    private static int count(String t, char separator) {
        int n = 0;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == separator) {
                n++;
            }
        }
        return n;
    }

    /** ASCII only: Character.digit would also take other scripts' digits. */
    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String quote(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }

    private static AddressException invalid(String text, String reason) {
        return new AddressException("'" + quote(text) + "' is not a hardware address: " + reason);
    }
}
