package dev.socklab.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * IPv6 text forms: reading the RFC 4291 notation (with an optional embedded dotted quad and
 * {@code %zone}) and writing the RFC 5952 canonical form.
 *
 * <p>The parser is our own so that malformed text can never fall through to a DNS lookup,
 * which {@code InetAddress.getByName} does for text it does not recognise as a literal.
 */
final class Ipv6Text {

    private static final int GROUPS = 8;

    private Ipv6Text() {
    }

    /**
     * Reads an IPv6 literal without brackets.
     *
     * @param text    the literal, e.g. {@code fe80::1%lo}
     * @param written the text as the user wrote it (with any brackets), for messages
     * @return the address; an IPv4-mapped address comes back as IPv4, as the JDK does it
     * @throws AddressException if the text is not an IPv6 literal or names a missing interface
     */
    static InetAddress parse(String text, String written) {
        int percent = text.indexOf('%');
        String literal = percent < 0 ? text : text.substring(0, percent);
        String zone = percent < 0 ? null : text.substring(percent + 1);
        byte[] bytes = bytes(literal, written);
        if (zone == null) {
            return KnownAddresses.of(bytes);
        }
        checkZone(zone, written);
        return scoped(bytes, zone, written);
    }

    /** True when the 16 bytes are an IPv4-mapped address, {@code ::ffff:a.b.c.d}. */
    static boolean isIpv4Mapped(byte[] bytes) {
        if (bytes.length != 16 || bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes 16 bytes in the RFC 5952 form: lower-case hex without leading zeros, and the
     * longest run of two or more zero groups (the first on a tie) shortened to {@code ::}.
     */
    static String format(byte[] bytes) {
        int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a lone zero group stays "0": RFC 5952 section 4.2.2
        for (int i = 0; i < GROUPS; i++) {
            int length = 0;
            while (i + length < GROUPS && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static byte[] bytes(String literal, String written) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            // ASCII only: Character.digit would also take other scripts' digits.
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (c != ':' && c != '.' && !hex) {
                throw invalid(written, "it may hold only hex digits, ':' and '.'");
            }
        }
        int gap = literal.indexOf("::");
        if (gap >= 0 && literal.indexOf("::", gap + 1) >= 0) {
            throw invalid(written, "'::' may appear only once");
        }
        int[] head = gap < 0 ? groups(literal, true, written) : groups(literal.substring(0, gap), false, written);
        int[] tail = gap < 0 ? new int[0] : groups(literal.substring(gap + 2), true, written);
        int count = head.length + tail.length;
        if (gap < 0 ? count != GROUPS : count > GROUPS - 1) {
            throw invalid(written, "it needs eight groups of hex digits, or fewer with '::' for a run of zeros");
        }
        byte[] bytes = new byte[16];
        put(bytes, 0, head);
        put(bytes, GROUPS - tail.length, tail);
        return bytes;
    }

    /** Splits one side of a {@code ::} into 16-bit groups; a final dotted quad counts as two. */
    private static int[] groups(String side, boolean last, String written) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int[] groups = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.indexOf('.') >= 0) {
                byte[] v4 = Ipv4Text.dottedQuad(part);
                if (!last || i != parts.length - 1 || v4 == null) {
                    throw invalid(written, "an IPv4 part must come last and be a dotted quad, as in ::ffff:192.0.2.1");
                }
                groups[n++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                groups[n++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
            } else if (part.isEmpty() || part.length() > 4) {
                throw invalid(written, "each group between colons has one to four hex digits");
            } else {
                groups[n++] = Integer.parseInt(part, 16);
            }
        }
        return Arrays.copyOf(groups, n);
    }

    private static void put(byte[] bytes, int firstGroup, int[] groups) {
        for (int i = 0; i < groups.length; i++) {
            bytes[2 * (firstGroup + i)] = (byte) (groups[i] >>> 8);
            bytes[2 * (firstGroup + i) + 1] = (byte) groups[i];
        }
    }

    private static void checkZone(String zone, String written) {
        if (zone.isEmpty()) {
            throw invalid(written, "the zone after '%' is empty; give an interface such as %lo or drop the '%'");
        }
        for (int i = 0; i < zone.length(); i++) {
            char c = zone.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                throw invalid(written, "the zone after '%' is an interface name or number, such as %lo or %1");
            }
        }
    }

    private static InetAddress scoped(byte[] bytes, String zone, String written) {
        try {
            if (zone.chars().allMatch(c -> c >= '0' && c <= '9')) {
                if (zone.length() > 9) {
                    throw invalid(written, "the zone number after '%' is too large");
                }
                return Inet6Address.getByAddress(null, bytes, Integer.parseInt(zone));
            }
            NetworkInterface nif = InterfaceNames.system(zone);
            if (nif == null) {
                throw new AddressException("'" + written + "' has zone '" + zone
                        + "', but this machine has no network interface of that name");
            }
            try {
                return Inet6Address.getByAddress(null, bytes, nif);
            } catch (UnknownHostException e) {
                // The JDK insists the interface own an address of the same kind (fe80::1%lo
                // fails because lo has no link-local address); the kernel only needs the
                // interface index, so scope by number instead.
                return Inet6Address.getByAddress(null, bytes, nif.getIndex());
            }
        } catch (SocketException | UnknownHostException e) {
            throw new AddressException("'" + written + "' has zone '" + zone
                    + "', which cannot be used here: " + e.getMessage(), e);
        }
    }

    private static AddressException invalid(String written, String reason) {
        return new AddressException("'" + written + "' is not an IPv6 address: " + reason);
    }
}
