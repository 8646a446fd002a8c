package dev.socklab.services.arp;

import static dev.socklab.services.arp.TestAddresses.hw;
import static dev.socklab.services.arp.TestAddresses.ip;
import static dev.socklab.services.arp.TestAddresses.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class ArpTableTest {
    @TempDir
    Path dir;

    @Test
    void loadsAnEthersFileSkippingCommentsBlankLinesAndAMalformedLine() {
        Path ethers = write(dir.resolve("ethers"), """
                # the lab's table
                0A:0B:0C:0D   10.0.0.1     # the router

                \t
                0a-0b-0c-0e\t10.0.0.2
                zz:11 10.0.0.3
                0A:0B:0C:0F
                0:b:c:10      10.0.0.4
                """, 0);
        try (ArpLog log = new ArpLog()) {
            ArpTable table = ArpTable.builder().file(ethers).build();

            assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:0D"));
            assertThat(table.hardwareAddressOf(ip("10.0.0.2"))).contains(hw("0A:0B:0C:0E"));
            assertThat(table.hardwareAddressOf(ip("10.0.0.3"))).isEmpty();
            assertThat(table.hardwareAddressOf(ip("10.0.0.4"))).contains(hw("00:0B:0C:10"));
            assertThat(log.warnings()).satisfiesExactly(
                    w -> assertThat(w).startsWith(ethers + ":6: skipping a malformed line: 'zz:11'"),
                    w -> assertThat(w).startsWith(ethers + ":7: skipping a malformed line: expected"));
        }
    }

    @Test
    void aMalformedLinesEscapesReachTheLogMadeVisible() {
        Path ethers = write(dir.resolve("ethers"), "\u001b]0;pwned\u0007\u202E 10.0.0.1\n0A:0B:0C:0D 10.0.0.2\n", 0);
        try (ArpLog log = new ArpLog()) {
            ArpTable table = ArpTable.builder().file(ethers).build();

            assertThat(table.hardwareAddressOf(ip("10.0.0.2"))).contains(hw("0A:0B:0C:0D"));
            // Before, the escape sequence reached the operator's terminal as it was in the file.
            assertThat(log.warnings()).singleElement().asString()
                    .startsWith(ethers + ":1: skipping a malformed line: '^[]0;pwned^G<U+202E>'")
                    .doesNotContain("\u001b", "\u0007", "\u202E");
        }
    }

    @Test
    void aTableFileThatNeverEndsIsReadToItsBoundWithAWarning() {
        try (ArpLog log = new ArpLog()) {
            ArpTable table = ArpTable.builder().file(Path.of("/dev/zero")).maxFileBytes(64 * 1024).build();

            assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).isEmpty();
            assertThat(log.warnings()).containsExactly("/dev/zero is larger than 65536 bytes, so only the lines"
                    + " within its first 65536 bytes are read");
        }
    }

    @Test
    void resolvesAHostNameWhenTheFileIsLoadedAndSkipsOneThatFailsWithAWarning() throws UnknownHostException {
        Path ethers = write(dir.resolve("ethers"), """
                0A:0B:0C:0D localhost
                0A:0B:0C:0E nosuch.invalid
                0A:0B:0C:0F 10.0.0.3
                """, 0);
        try (ArpLog log = new ArpLog()) {
            ArpTable table = ArpTable.builder().file(ethers).build();

            List<InetAddress> localhost = List.of(InetAddress.getAllByName("localhost"));
            assertThat(localhost).allSatisfy(
                    a -> assertThat(table.hardwareAddressOf(a)).contains(hw("0A:0B:0C:0D")));
            assertThat(table.ipAddressesOf(hw("0A:0B:0C:0D")))
                    .map(InetAddress::getHostAddress)
                    .containsExactlyElementsOf(localhost.stream().map(InetAddress::getHostAddress).toList());
            assertThat(table.ipAddressesOf(hw("0A:0B:0C:0E"))).isEmpty();
            assertThat(table.hardwareAddressOf(ip("10.0.0.3"))).contains(hw("0A:0B:0C:0F"));
            assertThat(log.warnings()).singleElement().asString()
                    .startsWith(ethers + ":2: skipping the entry for nosuch.invalid: unknown host");
        }
    }

    @Test
    void addressesFromAHostNameCarryNoNameSoPrintingThemNeverLooksAnythingUp() {
        Path ethers = write(dir.resolve("ethers"), "0A:0B:0C:0D localhost\n", 0);
        ArpTable table = ArpTable.builder().file(ethers).build();

        assertThat(table.ipAddressesOf(hw("0A:0B:0C:0D"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.toString()).startsWith("/"));
    }

    @Test
    void oneHardwareAddressListsAllItsIpv4AndIpv6AddressesOnceInLoadOrder() {
        Path ethers = write(dir.resolve("ethers"), """
                00:1a:2b:3c:4d:5e 10.0.0.1
                00:1a:2b:3c:4d:5e fd00::1
                0a:0b:0c:0d       10.0.0.9
                00:1a:2b:3c:4d:5e 10.0.0.2
                00:1a:2b:3c:4d:5e [fd00:0:0::2]
                00:1a:2b:3c:4d:5e 10.0.0.1
                """, 0);
        ArpTable table = ArpTable.builder().file(ethers).build();

        assertThat(table.ipAddressesOf(hw("00-1A-2B-3C-4D-5E")))
                .containsExactly(ip("10.0.0.1"), ip("fd00::1"), ip("10.0.0.2"), ip("fd00::2"));
        assertThat(table.hardwareAddressOf(ip("fd00::2"))).contains(hw("00:1A:2B:3C:4D:5E"));
        assertThat(table.ipAddressesOf(hw("0A:0B:0C:0D"))).containsExactly(ip("10.0.0.9"));
    }

    @Test
    void anUnknownAddressIsNotFoundInEitherDirection() {
        ArpTable table = ArpTable.builder().entry("10.0.0.1=0A:0B:0C:0D").build();

        assertThat(table.hardwareAddressOf(ip("10.0.0.2"))).isEmpty();
        assertThat(table.hardwareAddressOf(ip("::1"))).isEmpty();
        assertThat(table.ipAddressesOf(hw("0A:0B:0C:0E"))).isEmpty();
        assertThat(ArpTable.builder().build().hardwareAddressOf(ip("10.0.0.1"))).isEmpty();
    }

    @Test
    void anIpv4MappedIpv6AddressLooksUpAsItsIpv4Address() throws UnknownHostException {
        ArpTable table = ArpTable.builder()
                .entry("10.0.0.1=0A:0B:0C:0D")
                .entry("::ffff:10.0.0.2=0A:0B:0C:0E")
                .build();
        // The JDK turns a parsed mapped literal into IPv4, but getByAddress with a scope keeps it IPv6.
        InetAddress parsed = InetAddress.getByName("::ffff:10.0.0.1");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 0, 0, 1};
        InetAddress kept = Inet6Address.getByAddress(null, mapped, 0);

        assertThat(parsed).isInstanceOf(Inet4Address.class);
        assertThat(kept).isInstanceOf(Inet6Address.class);
        assertThat(table.hardwareAddressOf(parsed)).contains(hw("0A:0B:0C:0D"));
        assertThat(table.hardwareAddressOf(kept)).contains(hw("0A:0B:0C:0D"));
        assertThat(table.hardwareAddressOf(ip("10.0.0.2"))).contains(hw("0A:0B:0C:0E"));
        assertThat(table.ipAddressesOf(hw("0A:0B:0C:0E"))).containsExactly(ip("10.0.0.2"));
    }

    @Test
    void anIpv6ScopeDoesNotChangeTheLookup() throws UnknownHostException {
        ArpTable table = ArpTable.builder().entry("fe80::1%1=0A:0B:0C:0D").build();
        byte[] linkLocal = ip("fe80::1").getAddress();

        assertThat(table.hardwareAddressOf(Inet6Address.getByAddress(null, linkLocal, 2)))
                .contains(hw("0A:0B:0C:0D"));
        assertThat(table.ipAddressesOf(hw("0A:0B:0C:0D"))).containsExactly(ip("fe80::1"));
    }

    @Test
    void inlineEntriesNeedNoFile() {
        ArpTable table = ArpTable.builder()
                .entry("10.0.0.1=0A:0B:0C:0D")
                .entry(" fd00::1 = 00-1A-2B-3C-4D-5E ")
                .entry("[fd00::2]=0123.4567.89ab")
                .build();

        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:0D"));
        assertThat(table.hardwareAddressOf(ip("fd00::1"))).contains(hw("00:1A:2B:3C:4D:5E"));
        assertThat(table.ipAddressesOf(hw("01:23:45:67:89:AB"))).containsExactly(ip("fd00::2"));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {
        "10.0.0.1",
        "10.0.0.1=",
        "=0A:0B:0C:0D",
        "*=0A:0B:0C:0D",
        "router.example=0A:0B:0C:0D",
        "10.0.0.300=0A:0B:0C:0D",
        "10.0.0.1:80=0A:0B:0C:0D",
        "10.0.0.1=zz:0B:0C:0D",
        "10.0.0.1=0A:0B:0C:0D=0E",
    })
    void aMalformedInlineEntryIsRefusedWithOneSentence(String entry) {
        ArpTable.Builder builder = ArpTable.builder();

        assertThatThrownBy(() -> builder.entry(entry))
                .isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank().doesNotContain("\n").doesNotContain(". ").contains("'");
    }

    @Test
    void aHostNameInAnInlineEntryIsRefusedWithAHint() {
        assertThatThrownBy(() -> ArpTable.builder().entry("router.example=0A:0B:0C:0D"))
                .hasMessage("'router.example=0A:0B:0C:0D' is not an ARP entry: 'router.example' is a host"
                        + " name, but an entry takes an IP address, such as 10.0.0.1=0A:0B:0C:0D,"
                        + " and names go in a table file");
    }

    @Test
    void aConflictingInlineEntryIsRefusedButARepeatedOneIsNot() {
        ArpTable.Builder builder = ArpTable.builder()
                .entry("10.0.0.1=0A:0B:0C:0D")
                .entry("10.0.0.1=0a-0b-0c-0d");

        assertThatThrownBy(() -> builder.entry("10.0.0.1=0A:0B:0C:0E"))
                .hasMessage("10.0.0.1 is given two hardware addresses, 0A:0B:0C:0D and 0A:0B:0C:0E:"
                        + " keep one of the entries 10.0.0.1=0A:0B:0C:0D and 10.0.0.1=0A:0B:0C:0E");
        assertThat(builder.build().ipAddressesOf(hw("0A:0B:0C:0D"))).containsExactly(ip("10.0.0.1"));
    }

    @Test
    void inlineEntriesWinOverFilesAndFilesOverTheSystemTable() {
        Path ethers = write(dir.resolve("ethers"), """
                0F:0F:0F:01 10.0.0.1
                0F:0F:0F:02 10.0.0.2
                0F:0F:0F:02 10.0.0.4
                """, 0);
        Path proc = write(dir.resolve("arp"), """
                IP address       HW type     Flags       HW address            Mask     Device
                10.0.0.1         0x1         0x2         00:00:00:00:05:01     *        eth0
                10.0.0.2         0x1         0x2         00:00:00:00:05:02     *        eth0
                10.0.0.3         0x1         0x2         00:00:00:00:05:03     *        eth0
                """, 0);
        ArpTable table = ArpTable.builder()
                .system(true).systemTable(proc)
                .file(ethers)
                .entry("10.0.0.1=0A:0A:0A:01")
                .entry("10.0.0.4=0A:0A:0A:04")
                .build();

        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0A:0A:01"));
        assertThat(table.hardwareAddressOf(ip("10.0.0.2"))).contains(hw("0F:0F:0F:02"));
        assertThat(table.hardwareAddressOf(ip("10.0.0.3"))).contains(hw("00:00:00:00:05:03"));
        assertThat(table.hardwareAddressOf(ip("10.0.0.4"))).contains(hw("0A:0A:0A:04"));
        // An address a stronger source took is not listed under the weaker source's hardware address.
        assertThat(table.ipAddressesOf(hw("0F:0F:0F:01"))).isEmpty();
        assertThat(table.ipAddressesOf(hw("0F:0F:0F:02"))).containsExactly(ip("10.0.0.2"));
        assertThat(table.ipAddressesOf(hw("00:00:00:00:05:01"))).isEmpty();
    }

    @Test
    void anEarlierFileWinsOverALaterOne() {
        Path first = write(dir.resolve("first"), "0A:0B:0C:01 10.0.0.1\n", 0);
        Path second = write(dir.resolve("second"), "0A:0B:0C:02 10.0.0.1\n0A:0B:0C:02 10.0.0.2\n", 0);
        ArpTable table = ArpTable.builder().file(first).file(second).build();

        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:01"));
        assertThat(table.ipAddressesOf(hw("0A:0B:0C:02"))).containsExactly(ip("10.0.0.2"));
    }

    @Test
    void aConflictingLineInOneFileIsLoggedAndTheFirstLineKept() {
        Path ethers = write(dir.resolve("ethers"), "0A:0B:0C:01 10.0.0.1\n0A:0B:0C:02 10.0.0.1\n", 0);
        try (ArpLog log = new ArpLog()) {
            ArpTable table = ArpTable.builder().file(ethers).build();

            assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:01"));
            assertThat(log.warnings()).containsExactly(ethers + ":2: 10.0.0.1 already has hardware address"
                    + " 0A:0B:0C:01 from an earlier line, which it keeps");
        }
    }

    @Test
    void aFileThatCannotBeReadWhenTheTableIsBuiltIsRefused() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> ArpTable.builder().file(missing).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the ARP table file " + missing + " cannot be read (no such file): check the path");
    }

    @Test
    void aNegativeCheckIntervalOrSizeLimitIsRefused() {
        assertThatThrownBy(() -> ArpTable.builder().reloadCheckInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> ArpTable.builder().maxFileBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
