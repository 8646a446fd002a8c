package dev.socklab.services.arp;

import static dev.socklab.services.arp.TestAddresses.BASE_TIME;
import static dev.socklab.services.arp.TestAddresses.hw;
import static dev.socklab.services.arp.TestAddresses.ip;
import static dev.socklab.services.arp.TestAddresses.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Table files read again on a lookup after they change; no test sleeps: times are set explicitly. */
@Timeout(20)
class ArpTableReloadTest {
    @TempDir
    Path dir;

    @Test
    void aChangedFileIsReadAgainOnTheNextLookup() {
        Path ethers = write(dir.resolve("ethers"), "0A:0B:0C:0D 10.0.0.1\n", 0);
        ArpTable table = ArpTable.builder().file(ethers).reloadCheckInterval(Duration.ZERO).build();
        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:0D"));

        write(ethers, "0A:0B:0C:0E 10.0.0.1\n0A:0B:0C:0E 10.0.0.2\n", 1);

        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:0E"));
        assertThat(table.ipAddressesOf(hw("0A:0B:0C:0E"))).containsExactly(ip("10.0.0.1"), ip("10.0.0.2"));
        assertThat(table.ipAddressesOf(hw("0A:0B:0C:0D"))).isEmpty();
    }

    @Test
    void aFileWhoseTimeAndSizeAreUnchangedIsNotReadAgain() {
        Path ethers = write(dir.resolve("ethers"), "0A:0B:0C:0D 10.0.0.1\n", 0);
        ArpTable table = ArpTable.builder().file(ethers).reloadCheckInterval(Duration.ZERO).build();

        write(ethers, "0A:0B:0C:0D 10.0.0.2\n", 0);

        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).isPresent();
        assertThat(table.hardwareAddressOf(ip("10.0.0.2"))).isEmpty();
    }

    @Test
    void aFileIsCheckedAtMostOncePerInterval() {
        AtomicLong nanos = new AtomicLong(-5_000); // near zero, to show the arithmetic copes with the sign
        Path ethers = write(dir.resolve("ethers"), "0A:0B:0C:0D 10.0.0.1\n", 0);
        ArpTable table = ArpTable.builder().file(ethers).ticker(nanos::get)
                .reloadCheckInterval(Duration.ofSeconds(1)).build();
        write(ethers, "0A:0B:0C:0E 10.0.0.1\n", 1);

        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:0D"));

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:0E"));

        write(ethers, "0A:0B:0C:0F 10.0.0.1\n", 2);
        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:0E"));
    }

    @Test
    void aDeletedFileKeepsItsLastGoodEntriesWithOneWarningUntilItIsBack() throws IOException {
        Path ethers = write(dir.resolve("ethers"), "0A:0B:0C:0D 10.0.0.1\n", 0);
        ArpTable table = ArpTable.builder().file(ethers).reloadCheckInterval(Duration.ZERO).build();
        try (ArpLog log = new ArpLog()) {
            Files.delete(ethers);

            for (int i = 0; i < 5; i++) {
                assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:0D"));
            }
            assertThat(log.warnings()).containsExactly(ethers + " cannot be read (no such file), so the ARP"
                    + " table keeps the 1 entry it last read from it until it can");

            write(ethers, "0A:0B:0C:0E 10.0.0.2\n", 0);

            assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).isEmpty();
            assertThat(table.hardwareAddressOf(ip("10.0.0.2"))).contains(hw("0A:0B:0C:0E"));
            assertThat(log.infos()).last().isEqualTo(ethers + " can be read again and is loaded, with 1 entry");
            assertThat(log.warnings()).hasSize(1);
        }
    }

    @Test
    void aFileLargerThanTheLimitIsReadUpToItsLastWholeLineWithAWarning() {
        String first = "0A:0B:0C:01 10.0.0.1\n"; // 21 bytes
        String second = "0A:0B:0C:02 10.0.0.123\n"; // cut after "10.0.0.1", which must not be read as an entry
        Path ethers = write(dir.resolve("ethers"), first + second + "0A:0B:0C:03 10.0.0.3\n", 0);
        try (ArpLog log = new ArpLog()) {
            ArpTable table = ArpTable.builder().file(ethers).maxFileBytes(first.length() + 20).build();

            assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(hw("0A:0B:0C:01"));
            assertThat(table.ipAddressesOf(hw("0A:0B:0C:02"))).isEmpty();
            assertThat(table.hardwareAddressOf(ip("10.0.0.3"))).isEmpty();
            assertThat(log.warnings()).containsExactly(ethers + " is larger than 41 bytes, so only the lines"
                    + " within its first 41 bytes are read");
        }
    }

    @Test
    void aFileOfExactlyTheLimitIsReadWhole() {
        String text = "0A:0B:0C:01 10.0.0.1\n";
        Path ethers = write(dir.resolve("ethers"), text, 0);
        try (ArpLog log = new ArpLog()) {
            ArpTable table = ArpTable.builder().file(ethers).maxFileBytes(text.length()).build();

            assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).isPresent();
            assertThat(log.warnings()).isEmpty();
        }
    }

    /**
     * Many virtual threads look up while the file is replaced again and again, each time by
     * renaming a finished file into place, as careful writers do. Every lookup must see one
     * whole version of the table: the constant entry always there, both directions agreeing.
     */
    @Test
    void lookupsFromManyVirtualThreadsSeeWholeTablesWhileTheFileIsReloaded() throws Exception {
        HardwareAddress stable = hw("0A:0B:0C:00");
        List<HardwareAddress> versions = List.of(hw("0A:0B:0C:01"), hw("0A:0B:0C:02"));
        Path ethers = dir.resolve("ethers");
        write(ethers, table(versions.get(0)), 0);
        ArpTable table = ArpTable.builder().file(ethers).reloadCheckInterval(Duration.ZERO).build();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                readers.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000 || (writing.get() && i < 200_000); i++) {
                        Optional<HardwareAddress> hw = table.hardwareAddressOf(ip("10.0.0.1"));
                        List<InetAddress> ips = table.ipAddressesOf(stable);
                        if (hw.isEmpty() || !versions.contains(hw.get())) {
                            failures.add("10.0.0.1 had " + hw);
                        }
                        if (!ips.equals(List.of(ip("10.0.0.100")))) {
                            failures.add(stable + " had " + ips);
                        }
                    }
                }));
            }
            for (int change = 1; change <= 50; change++) {
                Path next = write(dir.resolve("ethers.new"), table(versions.get(change % 2)), change);
                Files.move(next, ethers, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(15, TimeUnit.SECONDS);
            }
        }

        assertThat(failures).isEmpty();
        assertThat(table.hardwareAddressOf(ip("10.0.0.1"))).contains(versions.get(0));
        assertThat(Files.getLastModifiedTime(ethers)).isEqualTo(FileTime.from(BASE_TIME.plusSeconds(50)));
    }

    private static String table(HardwareAddress router) {
        return "0A:0B:0C:00 10.0.0.100\n" + router + " 10.0.0.1\n";
    }
}
