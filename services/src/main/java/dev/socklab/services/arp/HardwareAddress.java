package dev.socklab.services.arp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A link-layer (hardware) address of 1 to 20 octets, as ARP carries it: six octets for
 * Ethernet, twenty for InfiniBand, four in the lab's own table.
 *
 * <p>Equality and hash code follow the octets' content, so an address works as a map key.
 * The octets are copied in and out, so an instance never changes.
 *
 * @param octets the address, most significant octet first; 1 to {@value #MAX_OCTETS} octets
 */
public record HardwareAddress(byte[] octets) {

    /** The most octets a hardware address may have; ARP's length field allows more, real links use 20 at most. */
    public static final int MAX_OCTETS = 20;

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();

    /**
     * Copies and checks the octets.
     *
     * @param octets 1 to {@value #MAX_OCTETS} octets
     * @throws IllegalArgumentException if there are none or too many
     * @throws NullPointerException     if {@code octets} is null
     */
    public HardwareAddress {
        Objects.requireNonNull(octets, "octets");
        if (octets.length == 0 || octets.length > MAX_OCTETS) {
            throw new IllegalArgumentException("a hardware address has 1 to " + MAX_OCTETS
                    + " octets, not " + octets.length);
        }
        octets = octets.clone();
    }

    /**
     * Reads a hardware address as people write it.
     *
     * <ul>
     *   <li>hex octets separated by {@code :}, such as {@code 00:1a:2b:3c:4d:5e}; an octet may
     *       have a single digit, as {@code /etc/ethers} allows ({@code 0:1a:2b:3c:4d:5e});</li>
     *   <li>pairs of hex digits separated by {@code -}, such as {@code 00-1A-2B-3C-4D-5E};</li>
     *   <li>Cisco's groups of four hex digits separated by {@code .}, such as
     *       {@code 0123.4567.89ab}.</li>
     * </ul>
     * Surrounding whitespace is ignored, case does not matter, and one separator is used
     * throughout.
     *
     * @param text what the user wrote
     * @return the address
     * @throws dev.socklab.net.AddressException (an {@link IllegalArgumentException}) with a
     *                                          one-sentence message naming the text
     * @throws NullPointerException             if {@code text} is null
     */
    public static HardwareAddress parse(String text) {
        return new HardwareAddress(HardwareAddressText.parse(Objects.requireNonNull(text, "text")));
    }

    /**
     * A copy of the octets.
     *
     * @return the octets, most significant first; changing the array does not change this address
     */
    @Override
    public byte[] octets() {
        return octets.clone();
    }

    /** True for an address of zero octets only, which the kernel shows for an unresolved neighbour. */
    boolean isZero() {
        for (byte b : octets) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares octets.
     *
     * @param other any object
     * @return whether {@code other} is a hardware address with the same octets
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof HardwareAddress that && Arrays.equals(octets, that.octets);
    }

    /**
     * A hash of the octets.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    /**
     * The address as socklab always shows it: upper-case hex octets separated by colons.
     *
     * @return e.g. {@code 00:1A:2B:3C:4D:5E}
     */
    @Override
    public String toString() {
        return COLONS.formatHex(octets);
    }
}
