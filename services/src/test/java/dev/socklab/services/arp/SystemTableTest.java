package dev.socklab.services.arp;

import static dev.socklab.services.arp.TestAddresses.hw;
import static dev.socklab.services.arp.TestAddresses.ip;
import static dev.socklab.services.arp.TestAddresses.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The system source, read from temporary files in the format of Linux's {@code /proc/net/arp}. */
@Timeout(20)
class SystemTableTest {
    private static final String HEADER =
            "IP address       HW type     Flags       HW address            Mask     Device\n";

    @TempDir
    Path dir;

    @Test
    void readsTheKernelTableSkippingEntriesStillBeingResolved() {
        Path proc = write(dir.resolve("arp"), HEADER + """
                192.168.1.1      0x1         0x2         00:11:22:33:44:55     *        eth0
                192.168.1.7      0x1         0x0         00:00:00:00:00:00     *        eth0
                192.168.1.8      0x1         0x0         00:11:22:33:44:88     *        eth0
                192.168.1.9      0x1         0x2         00:00:00:00:00:00     *        eth0
                192.168.1.20     0x1         0x6         00:11:22:33:44:55     *        eth1
                10.1.0.5         0x20        0x2         80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:a1:b2:c3 *  ib0
                """, 0);
        ArpTable table = ArpTable.builder().system(true).systemTable(proc).build();

        assertThat(table.hardwareAddressOf(ip("192.168.1.1"))).contains(hw("00:11:22:33:44:55"));
        assertThat(table.hardwareAddressOf(ip("192.168.1.7"))).isEmpty();
        assertThat(table.hardwareAddressOf(ip("192.168.1.8"))).isEmpty();
        assertThat(table.hardwareAddressOf(ip("192.168.1.9"))).isEmpty();
        assertThat(table.ipAddressesOf(hw("00:11:22:33:44:55")))
                .containsExactly(ip("192.168.1.1"), ip("192.168.1.20"));
        assertThat(table.hardwareAddressOf(ip("10.1.0.5")))
                .contains(hw("80:00:02:08:FE:80:00:00:00:00:00:00:00:02:C9:03:00:A1:B2:C3"));
    }

    @Test
    void aLineInAnUnknownFormatIsLoggedWithItsNumberAndSkipped() {
        Path proc = write(dir.resolve("arp"), HEADER + """
                192.168.1.1      0x1         0x2         00:11:22:33:44:55     *        eth0
                fe80::1          0x1         0x2         00:11:22:33:44:66     *        eth0
                192.168.1.3      0x1         two         00:11:22:33:44:77     *        eth0
                192.168.1.4      0x1
                192.168.1.5      0x1         0x2         00:11:22:33:44:99     *        eth0
                """, 0);
        try (ArpLog log = new ArpLog()) {
            ArpTable table = ArpTable.builder().system(true).systemTable(proc).build();

            assertThat(table.hardwareAddressOf(ip("192.168.1.1"))).isPresent();
            assertThat(table.hardwareAddressOf(ip("192.168.1.5"))).isPresent();
            assertThat(log.warnings()).containsExactly(
                    proc + ":3: skipping a line in an unknown format: 'fe80::1' is not an IPv4 address",
                    proc + ":4: skipping a line in an unknown format: the flags 'two' are not a hex number"
                            + " such as 0x2",
                    proc + ":5: skipping a line in an unknown format: expected the columns IP address,"
                            + " HW type, Flags, HW address, Mask and Device, but found 2");
        }
    }

    @Test
    void isReadAgainWhenItsTextChangesThoughItsTimeDoesNot() {
        Path proc = write(dir.resolve("arp"), HEADER
                + "192.168.1.1      0x1         0x2         00:11:22:33:44:55     *        eth0\n", 0);
        ArpTable table = ArpTable.builder().system(true).systemTable(proc)
                .reloadCheckInterval(Duration.ZERO).build();
        assertThat(table.hardwareAddressOf(ip("192.168.1.2"))).isEmpty();

        // Files under /proc show no useful time or size, so only the text tells a change.
        write(proc, HEADER
                + "192.168.1.2      0x1         0x2         00:11:22:33:44:66     *        eth0\n", 0);

        assertThat(table.hardwareAddressOf(ip("192.168.1.2"))).contains(hw("00:11:22:33:44:66"));
        assertThat(table.hardwareAddressOf(ip("192.168.1.1"))).isEmpty();
    }

    @Test
    void aMissingSystemTableIsRefusedWhenTheTableIsBuilt() {
        Path missing = dir.resolve("arp");

        assertThatThrownBy(() -> ArpTable.builder().system(true).systemTable(missing).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the system ARP table " + missing + " cannot be read (no such file)");
    }

    @Test
    void theSystemTableIsLeftOutUnlessAskedFor() {
        Path proc = write(dir.resolve("arp"), HEADER
                + "192.168.1.1      0x1         0x2         00:11:22:33:44:55     *        eth0\n", 0);

        assertThat(ArpTable.builder().systemTable(proc).build().hardwareAddressOf(ip("192.168.1.1"))).isEmpty();
    }
}
