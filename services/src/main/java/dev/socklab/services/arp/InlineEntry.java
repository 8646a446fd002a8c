package dev.socklab.services.arp;

import java.net.InetAddress;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;
import dev.socklab.net.SocketAddresses;

/**
 * An entry given on the command line as {@code IP=HW}, such as {@code 10.0.0.1=0A:0B:0C:0D}.
 * The IP must be a literal: a name here would mean a DNS lookup while the command line is
 * read, and names belong in a table file.
 *
 * @param ip the IP address
 * @param hw its hardware address
 */
record InlineEntry(InetAddress ip, HardwareAddress hw) {

    private static final String EXAMPLE = "such as 10.0.0.1=0A:0B:0C:0D";

    /**
     * Reads {@code IP=HW}.
     *
     * @throws AddressException with a one-sentence message naming the text
     */
    static InlineEntry parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new AddressException("'" + text + "' is not an ARP entry: write an IP address, '='"
                    + " and a hardware address, " + EXAMPLE);
        }
        String ipText = text.substring(0, equals).strip();
        Host host = Host.parse(ipText);
        if (!(host instanceof Host.Literal(InetAddress ip))) {
            throw new AddressException("'" + text + "' is not an ARP entry: "
                    + (host instanceof Host.Name ? "'" + ipText + "' is a host name, but an entry takes an IP"
                            + " address, " + EXAMPLE + ", and names go in a table file"
                            : "it needs an IP address before '=', " + EXAMPLE));
        }
        return new InlineEntry(Entries.key(ip), HardwareAddress.parse(text.substring(equals + 1)));
    }

    /** The entry as it would be written, for messages. */
    @Override
    public String toString() {
        return SocketAddresses.format(ip) + "=" + hw;
    }
}
