package dev.socklab.net;

import java.util.Optional;

/**
 * The ports a server may bind for the sockets it opens on a client's behalf (a TFTP transfer's own
 * port, an FTP passive data port): {@code 50000-50100} as tftpd-hpa's {@code --port-range} and
 * vsftpd's {@code pasv_min_port}/{@code pasv_max_port} take them, or {@link #ANY}, the kernel's
 * choice of an ephemeral port.
 *
 * @param low the lowest port, 1 to 65535 (0 with {@code high} 0 for {@link #ANY})
 * @param high the highest port, at least {@code low}
 */
public record PortRange(int low, int high) {
    /** No range: the kernel picks an ephemeral port. */
    public static final PortRange ANY = new PortRange(0, 0);

    /** Rejects a range that is empty or out of bounds. */
    public PortRange {
        boolean any = low == 0 && high == 0;
        if (!any && (low < 1 || high > 65535 || low > high)) {
            throw new AddressException("port range " + low + "-" + high
                    + " is not valid: give LOW-HIGH with 1 <= LOW <= HIGH <= 65535, such as 50000-50100");
        }
    }

    /**
     * Reads {@code LOW-HIGH}, or a single port {@code P} for a range of one.
     *
     * @throws AddressException saying what is wrong, with an example
     */
    public static PortRange parse(String text) {
        String t = text.strip();
        int dash = t.indexOf('-');
        try {
            if (dash < 0) {
                int port = Integer.parseInt(t);
                return new PortRange(port, port);
            }
            return new PortRange(Integer.parseInt(t.substring(0, dash).strip()),
                    Integer.parseInt(t.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new AddressException("port range '" + text + "' is not LOW-HIGH: give two port numbers, such as 50000-50100");
        }
    }

    /** Whether the kernel chooses the port. */
    public boolean any() {
        return low == 0;
    }

    /** How many ports the range holds; empty for {@link #ANY}. */
    public Optional<Integer> size() {
        return any() ? Optional.empty() : Optional.of(high - low + 1);
    }

    @Override
    public String toString() {
        return any() ? "any" : low == high ? Integer.toString(low) : low + "-" + high;
    }
}
