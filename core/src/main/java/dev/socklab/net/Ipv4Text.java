package dev.socklab.net;

import java.net.InetAddress;

/**
 * IPv4 text forms socklab reads: a strict dotted quad, or one decimal integer for the
 * whole 32-bit address. The octal, hex and short forms of inet_aton are refused because
 * other tools read them differently, so the same text could name two addresses.
 */
final class Ipv4Text {

    private static final long MAX_INTEGER = 0xFFFF_FFFFL;

    private Ipv4Text() {
    }

    /** True for non-empty text of only ASCII digits and dots, the shape of an IPv4 literal. */
    static boolean isDigitsAndDots(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads text of only digits and dots as an IPv4 address.
     *
     * @throws AddressException if it is neither a dotted quad nor an in-range integer
     */
    static InetAddress parse(String text) {
        return KnownAddresses.of(text.indexOf('.') < 0 ? integer(text) : dottedQuadOrThrow(text));
    }

    /** The four bytes of a strict dotted quad, or null when the text is not one. */
    static byte[] dottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = octet(parts[i]);
            if (value < 0) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** Formats the four bytes at {@code offset} as a dotted quad. */
    static String format(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) + "." + (bytes[offset + 1] & 0xFF) + "."
                + (bytes[offset + 2] & 0xFF) + "." + (bytes[offset + 3] & 0xFF);
    }

    private static byte[] dottedQuadOrThrow(String text) {
        byte[] bytes = dottedQuad(text);
        if (bytes != null) {
            return bytes;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length == 4 && hasLeadingZero(parts)) {
            throw new AddressException("'" + text + "' is not an IPv4 address: write each number"
                    + " without leading zeros, which other tools read as octal");
        }
        throw new AddressException("'" + text + "' is not an IPv4 address:"
                + " a dotted quad has four numbers from 0 to 255");
    }

    private static byte[] integer(String text) {
        // Ten digits at most keeps the long from overflowing on absurd input.
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new AddressException("'" + text + "' is not an IPv4 address: write the number"
                    + " without leading zeros, which other tools read as octal");
        }
        if (text.length() > 10 || Long.parseLong(text) > MAX_INTEGER) {
            throw new AddressException("'" + text + "' is not an IPv4 address: a single number"
                    + " for an address is from 0 to 4294967295");
        }
        long value = Long.parseLong(text);
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The value of one dotted-quad number, or -1 when it is empty, too big or zero-padded. */
    private static int octet(String part) {
        if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                return -1;
            }
        }
        int value = Integer.parseInt(part);
        return value <= 255 ? value : -1;
    }

    private static boolean hasLeadingZero(String[] parts) {
        for (String part : parts) {
            if (part.length() > 1 && part.charAt(0) == '0') {
                return true;
            }
        }
        return false;
    }
}
