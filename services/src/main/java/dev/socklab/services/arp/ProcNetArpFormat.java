package dev.socklab.services.arp;

import static dev.socklab.services.arp.ArpTable.LOG;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.List;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;
import dev.socklab.text.Visible;

/**
 * Linux's IPv4 neighbour table as {@code /proc/net/arp} shows it: a header line, then the
 * columns IP address, HW type, Flags, HW address, Mask and Device. Entries the kernel is still
 * resolving (flags {@code 0x0}, or a hardware address of all zeros) are left out, since they
 * name no hardware address yet.
 */
final class ProcNetArpFormat {

    /** The path on Linux; tests give another. */
    static final Path PATH = Path.of("/proc/net/arp");

    private static final int IP = 0;
    private static final int FLAGS = 2;
    private static final int HW_ADDRESS = 3;

    private ProcNetArpFormat() {
    }

    /** See {@link TableFormat#parse}. */
    static Entries parse(String text, Path file) {
        Entries.Builder entries = new Entries.Builder();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.startsWith("IP address"))) {
                continue;
            }
            try {
                read(line, entries);
            } catch (AddressException e) {
                LOG.warn("{}:{}: skipping a line in an unknown format: {}", file, i + 1, Visible.of(e.getMessage()));
            }
        }
        return entries.build();
    }

    private static void read(String line, Entries.Builder entries) {
        String[] fields = line.split("\\s+");
        if (fields.length <= HW_ADDRESS) {
            throw new AddressException("expected the columns IP address, HW type, Flags, HW address,"
                    + " Mask and Device, but found " + fields.length);
        }
        if (!(Host.parse(fields[IP]) instanceof Host.Literal(Inet4Address ip))) {
            throw new AddressException("'" + fields[IP] + "' is not an IPv4 address");
        }
        HardwareAddress hw = HardwareAddress.parse(fields[HW_ADDRESS]);
        if (flags(fields[FLAGS]) != 0 && !hw.isZero()) {
            entries.add(ip, hw);
        }
    }

    /** The ATF_* bits, written in hex as {@code 0x2}. */
    private static int flags(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            return Integer.parseUnsignedInt(digits, 16);
        } catch (NumberFormatException e) {
            throw new AddressException("the flags '" + text + "' are not a hex number such as 0x2", e);
        }
    }
}
