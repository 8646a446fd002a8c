package dev.socklab.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of IP addresses in CIDR notation (RFC 4632, RFC 4291 section 2.3): {@code 10.0.0.0/8},
 * {@code 2001:db8::/32}, or one address, which is its own block ({@code /32}, {@code /128}). An
 * IPv4-mapped IPv6 block ({@code ::ffff:10.0.0.0/104}) is the IPv4 block it maps, and an
 * IPv4-mapped address is matched as its IPv4 address, so one rule covers a client however the
 * socket it came in on saw it.
 *
 * @param network the first address of the block: the bits past the prefix are zero
 * @param prefixLength how many leading bits every address of the block shares
 */
public record Cidr(InetAddress network, int prefixLength) {
    private static final int MAPPED_PREFIX = 96;

    /** Checks the prefix against the address's length, and clears the bits past it. */
    public Cidr {
        network = unmapped(network);
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new AddressException("a prefix length for " + (bits == 32 ? "IPv4" : "IPv6") + " is from 0 to "
                    + bits + ", not " + prefixLength);
        }
        network = KnownAddresses.of(masked(network.getAddress(), prefixLength));
    }

    /**
     * Reads {@code ADDRESS[/PREFIX]}: a strict dotted quad or an IPv6 literal (no zone, no brackets
     * needed), never a name, so reading a rule cannot cause a DNS lookup. Bits past the prefix are
     * cleared, as ncat and iptables do: {@code 10.1.2.3/8} is {@code 10.0.0.0/8}.
     *
     * @throws AddressException naming the text and what is wrong with it
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addressText = slash < 0 ? t : t.substring(0, slash);
        if (addressText.startsWith("[") && addressText.endsWith("]")) {
            addressText = addressText.substring(1, addressText.length() - 1);
        }
        InetAddress address = literal(addressText, text);
        boolean writtenMapped = addressText.indexOf(':') >= 0 && address instanceof Inet4Address;
        int maxBits = addressText.indexOf(':') >= 0 ? 128 : 32;
        int prefix = maxBits;
        if (slash >= 0) {
            prefix = prefixLength(t.substring(slash + 1), maxBits, text);
        }
        if (writtenMapped) {
            if (prefix < MAPPED_PREFIX) {
                throw new AddressException("'" + text + "': an IPv4-mapped block needs a prefix of 96 or more,"
                        + " since it stands for IPv4 addresses");
            }
            prefix -= MAPPED_PREFIX;
        }
        return new Cidr(address, prefix);
    }

    /** Whether {@code address} is in this block; an IPv4-mapped IPv6 address counts as its IPv4 address. */
    public boolean contains(InetAddress address) {
        byte[] bytes = unmapped(address).getAddress();
        byte[] mine = network.getAddress();
        return bytes.length == mine.length && Arrays.equals(masked(bytes, prefixLength), mine);
    }

    /**
     * The IPv4 address an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) stands for; any other
     * address as it is. The JDK already returns most mapped addresses as IPv4, but not all (an
     * {@link Inet6Address} made with a scope keeps its form).
     */
    public static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address && Ipv6Text.isIpv4Mapped(address.getAddress())) {
            return KnownAddresses.of(Arrays.copyOfRange(address.getAddress(), 12, 16));
        }
        return address;
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return SocketAddresses.format(network) + "/" + prefixLength;
    }

    private static InetAddress literal(String addressText, String text) {
        if (addressText.indexOf(':') >= 0) {
            if (addressText.indexOf('%') >= 0) {
                throw new AddressException("'" + text + "': a block takes no %zone");
            }
            return Ipv6Text.parse(addressText, text);
        }
        byte[] quad = Ipv4Text.dottedQuad(addressText);
        if (quad == null) {
            throw new AddressException("'" + text + "' is not an address or a block: write 10.0.0.0/8, 192.0.2.1,"
                    + " 2001:db8::/32 or ::1");
        }
        return KnownAddresses.of(quad);
    }

    private static int prefixLength(String digits, int maxBits, String text) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AddressException("'" + text + "': the prefix length after / is a number from 0 to " + maxBits);
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > maxBits) {
            throw new AddressException("'" + text + "': the prefix length after / is a number from 0 to " + maxBits);
        }
        return prefix;
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.clamp(prefix - i * 8L, 0, 8);
            out[i] &= (byte) (0xFF00 >> keep);
        }
        return out;
    }
}
