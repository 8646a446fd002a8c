package dev.socklab.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import dev.socklab.net.AddressException;
import dev.socklab.net.Cidr;

/**
 * A version 1 line, as section 2.1 writes it: {@code PROXY TCP4 203.0.113.7 192.0.2.1 5000 80},
 * single spaces, strict dotted quads (no leading zeros, which some read as octal) or IPv6 text,
 * ports from 0 to 65535 without leading zeros; or {@code PROXY UNKNOWN}, whose rest is ignored.
 */
final class V1Line {
    private static final int FIELDS = 6;
    private static final int MAX_PORT = 65_535;

    private V1Line() {
    }

    /** Reads the line, without its CRLF, which starts {@code PROXY }. */
    static ProxyHeader parse(String line) throws ProxyHeaderException {
        String[] fields = line.split(" ", -1);
        String protocol = fields[1];
        if (protocol.equals("UNKNOWN")) {
            // Section 2.1: the receiver must ignore anything after UNKNOWN up to the CRLF.
            return new ProxyHeader(ProxyVersion.V1, Optional.empty(), Optional.empty());
        }
        boolean ipv6 = protocol.equals("TCP6");
        if (!ipv6 && !protocol.equals("TCP4")) {
            throw new ProxyHeaderException("PROXY v1 line names no TCP4, TCP6 or UNKNOWN protocol");
        }
        if (fields.length != FIELDS) {
            throw new ProxyHeaderException("PROXY v1 line is not 'PROXY " + protocol
                    + " SOURCE DESTINATION SPORT DPORT' with single spaces");
        }
        InetAddress source = address(fields[2], ipv6, "source");
        InetAddress destination = address(fields[3], ipv6, "destination");
        return new ProxyHeader(ProxyVersion.V1,
                Optional.of(new InetSocketAddress(source, port(fields[4], "source"))),
                Optional.of(new InetSocketAddress(destination, port(fields[5], "destination"))));
    }

    private static InetAddress address(String text, boolean ipv6, String which) throws ProxyHeaderException {
        // Only the family's own characters, so that no zone, brackets, prefix or space reaches the parser.
        boolean shaped = !text.isEmpty() && text.chars().allMatch(c -> ipv6 ? isHex(c) || c == ':' || c == '.'
                : (c >= '0' && c <= '9') || c == '.');
        if (shaped && (text.indexOf(':') >= 0) == ipv6) {
            try {
                return Cidr.parse(text).network();
            } catch (AddressException e) {
                // Said below, in the header's own words.
            }
        }
        throw new ProxyHeaderException("PROXY v1 " + which + " address is not an " + (ipv6 ? "IPv6" : "IPv4") + " address");
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int port(String text, String which) throws ProxyHeaderException {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (digits && (text.length() == 1 || text.charAt(0) != '0')) {
            int port = Integer.parseInt(text);
            if (port <= MAX_PORT) {
                return port;
            }
        }
        throw new ProxyHeaderException("PROXY v1 " + which + " port is not a number from 0 to 65535 without leading zeros");
    }
}
