package dev.socklab.net;

import java.net.InetAddress;

/**
 * Classifies host text into the {@link Host} kinds and checks host names. Nothing here
 * looks anything up: the point is that a typo is reported before any network traffic.
 */
final class HostParser {

    /** How Python's socket module spells the broadcast destination, which the lab copies. */
    static final String BROADCAST = "<broadcast>";

    private static final int MAX_NAME_LENGTH = 253;

    private HostParser() {
    }

    /** See {@link Host#parse(String)}. */
    static Host parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("*")) {
            return new Host.Any();
        }
        if (t.equals(BROADCAST)) {
            return new Host.Broadcast();
        }
        if (t.indexOf('[') >= 0 || t.indexOf(']') >= 0) {
            return new Host.Literal(bracketed(t));
        }
        int colon = t.indexOf(':');
        if (colon >= 0 && t.indexOf(':', colon + 1) < 0) {
            // Every IPv6 literal has two colons or more, so one colon means host:port.
            throw new AddressException("'" + t + "' looks like host:port: give the host alone, as in "
                    + (colon > 0 ? t.substring(0, colon) : "localhost") + ", and the port separately");
        }
        if (colon >= 0) {
            return new Host.Literal(Ipv6Text.parse(t, t));
        }
        if (Ipv4Text.isDigitsAndDots(t)) {
            return new Host.Literal(Ipv4Text.parse(t));
        }
        if (t.startsWith("<") || t.endsWith(">")) {
            throw new AddressException("'" + t + "' is not a host: the only name in angle brackets is "
                    + BROADCAST);
        }
        return new Host.Name(t);
    }

    /**
     * Checks that text can be a host name: letters, digits, '-', '.' and '_', at most 253
     * characters, no empty label, and not an IPv4 address in a form the lab does not read.
     *
     * @throws AddressException naming what is wrong
     */
    static void checkName(String name) {
        if (name.isEmpty()) {
            throw new AddressException("the host name is empty: give a name, or * for any address");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                throw new AddressException("'" + name + "' is not a host name: " + describe(c)
                        + " is not allowed, only letters, digits, '-', '.' and '_' are");
            }
        }
        // One trailing dot marks a fully qualified name and is not a label of its own.
        String body = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (body.length() > MAX_NAME_LENGTH) {
            throw new AddressException("'" + name.substring(0, 20) + "...' is not a host name: it has "
                    + body.length() + " characters, and a name has at most " + MAX_NAME_LENGTH);
        }
        if (body.isEmpty() || body.startsWith(".") || body.endsWith(".") || body.contains("..")) {
            throw new AddressException("'" + name + "' is not a host name: it has an empty label"
                    + " where two dots meet or at an end");
        }
        if (Ipv4Text.isDigitsAndDots(body)) {
            // Only reachable by building a Name directly: parse reads these as literals.
            throw new AddressException("'" + name + "' is not a host name: it is written like an"
                    + " IPv4 address, and Host.parse reads it as one");
        }
        if (looksNumeric(body)) {
            // The resolver would read these as inet_aton numbers, e.g. 0x7f.1 as 127.0.0.1.
            throw new AddressException("'" + name + "' is not an IPv4 address socklab reads:"
                    + " write it as a dotted quad of decimal numbers, such as 127.0.0.1");
        }
    }

    /** Reads {@code [literal]}, which must hold an IPv6 address and nothing after it. */
    private static InetAddress bracketed(String t) {
        int open = t.indexOf('[');
        int close = t.indexOf(']');
        boolean balanced = open == 0 && close > 0
                && t.indexOf('[', 1) < 0 && t.indexOf(']', close + 1) < 0;
        if (!balanced) {
            throw new AddressException("'" + t + "' has unbalanced brackets:"
                    + " write an IPv6 address as [::1] or ::1");
        }
        if (close != t.length() - 1) {
            throw new AddressException("'" + t + "' has text after the closing bracket:"
                    + " give the host alone, as in [::1], and the port separately");
        }
        String inner = t.substring(1, close);
        if (inner.indexOf(':') < 0) {
            throw new AddressException("'" + t + "' is not an IPv6 address: brackets are only for"
                    + " IPv6 addresses, so write " + (inner.isEmpty() ? "* for any address" : inner)
                    + " without them");
        }
        return Ipv6Text.parse(inner, t);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_';
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        return Character.isWhitespace(c) || Character.isISOControl(c)
                ? String.format("the character U+%04X", (int) c)
                : "'" + c + "'";
    }

    /** True when every label is a decimal number or 0x-hex, the inet_aton shapes. */
    private static boolean looksNumeric(String body) {
        for (String label : body.split("\\.", -1)) {
            boolean hex = label.length() >= 2 && label.charAt(0) == '0'
                    && (label.charAt(1) == 'x' || label.charAt(1) == 'X')
                    && label.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0); // ASCII already checked
            boolean decimal = label.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!hex && !decimal) {
                return false;
            }
        }
        return true;
    }
}
