package dev.socklab.services.arp;

import static dev.socklab.services.arp.ArpTable.LOG;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import dev.socklab.net.AddressException;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Visible;

/**
 * The {@code /etc/ethers} format: on each line a hardware address, whitespace, then an IP
 * address or a host name; {@code #} starts a comment. A host name is resolved here, once per
 * load, and each of its addresses becomes an entry.
 */
final class EthersFormat {

    private EthersFormat() {
    }

    /** See {@link TableFormat#parse}. */
    static Entries parse(String text, Path file) {
        Entries.Builder entries = new Entries.Builder();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!content.isEmpty()) {
                read(content, file, i + 1, entries);
            }
        }
        return entries.build();
    }

    private static void read(String content, Path file, int number, Entries.Builder entries) {
        String[] fields = content.split("\\s+");
        if (fields.length != 2) {
            LOG.warn("{}:{}: skipping a malformed line: expected a hardware address and an IP address"
                    + " or host name, such as 00:1A:2B:3C:4D:5E 10.0.0.1", file, number);
            return;
        }
        HardwareAddress hw;
        Host host;
        try {
            hw = HardwareAddress.parse(fields[0]);
            host = Host.parse(fields[1]);
        } catch (AddressException e) {
            LOG.warn("{}:{}: skipping a malformed line: {}", file, number, Visible.of(e.getMessage()));
            return;
        }
        if (!(host instanceof Host.Literal) && !(host instanceof Host.Name)) {
            LOG.warn("{}:{}: skipping a malformed line: '{}' is not an IP address or host name",
                    file, number, fields[1]);
            return;
        }
        List<InetAddress> addresses;
        try {
            addresses = host.resolve(Family.ANY);
        } catch (AddressException e) {
            LOG.warn("{}:{}: skipping the entry for {}: {}", file, number, host, Visible.of(e.getMessage()));
            return;
        }
        for (InetAddress ip : addresses) {
            entries.add(ip, hw).ifPresent(held -> LOG.warn(
                    "{}:{}: {} already has hardware address {} from an earlier line, which it keeps",
                    file, number, SocketAddresses.format(ip), held));
        }
    }
}
