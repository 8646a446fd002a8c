package dev.socklab.services.arp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;

/**
 * The arp and rarp parsers under arbitrary text: a hardware address or an inline entry is read or refused with
 * {@link AddressException} and prints as text that reads back the same; a request gets an answer no longer
 * than the service promises; a table file's bad lines are skipped, never thrown. See docs/security.md.
 */
class ArpParsingFuzzTest {
    private static final Path FILE = Path.of("fuzzed");
    private static final ArpTable TABLE = ArpTable.builder()
            .entry("10.0.0.1=0A:0B:0C:0D")
            .entry("10.0.0.2=0A:0B:0C:0D")
            .entry("fd00::1=00-1A-2B-3C-4D-5E")
            .entry("192.0.2.1=0123.4567.89AB.CDEF.0123.4567.89AB.CDEF.0123.4567")
            .build();
    private static final ArpService ARP = new ArpService(TABLE, Duration.ofMillis(1));
    private static final RarpService RARP = new RarpService(TABLE, Duration.ofMillis(1));

    @FuzzTest(maxDuration = "30s")
    void hardwareAddressParseReadsBackWhatItPrintsOrThrowsAddressException(byte[] data) {
        HardwareAddress hw;
        try {
            hw = HardwareAddress.parse(text(data));
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(300);
            return;
        }
        assertThat(hw.octets()).hasSizeBetween(1, HardwareAddress.MAX_OCTETS);
        assertThat(HardwareAddress.parse(hw.toString())).isEqualTo(hw);
    }

    @FuzzTest(maxDuration = "30s")
    void inlineEntryParseReadsBackWhatItPrintsOrThrowsAddressException(byte[] data) {
        InlineEntry entry;
        try {
            entry = InlineEntry.parse(text(data));
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(InlineEntry.parse(entry.toString())).isEqualTo(entry);
    }

    /** An arp request: an answer that fits the reply the service promises, or empty for no address. */
    @FuzzTest(maxDuration = "30s")
    void arpRequestGetsAnAnswerWithinItsSize(byte[] data) {
        String request = text(data).strip();
        if (request.isEmpty()) {
            return;
        }
        Optional<String> answer = ARP.answer(request);
        answer.ifPresent(a -> assertThat(a.getBytes(StandardCharsets.UTF_8).length + 2)
                .isLessThanOrEqualTo(ARP.maxReplyBytes(data.length)));
    }

    @FuzzTest(maxDuration = "30s")
    void rarpRequestGetsAnAnswerWithinItsSize(byte[] data) {
        String request = text(data).strip();
        if (request.isEmpty()) {
            return;
        }
        Optional<String> answer = RARP.answer(request);
        answer.ifPresent(a -> assertThat(a.getBytes(StandardCharsets.UTF_8).length + 2)
                .isLessThanOrEqualTo(RARP.maxReplyBytes(data.length)));
    }

    /**
     * An /etc/ethers text never throws. A host name in it would be resolved, and fuzzing must send no DNS
     * query, so an input naming a host is left out.
     */
    @FuzzTest(maxDuration = "30s")
    void ethersFormatSkipsBadLinesWithoutThrowing(byte[] data) {
        String text = text(data);
        if (text.lines().anyMatch(ArpParsingFuzzTest::namesAHost)) {
            return;
        }
        assertThat(EthersFormat.parse(text, FILE)).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void procNetArpFormatSkipsBadLinesWithoutThrowing(byte[] data) {
        assertThat(ProcNetArpFormat.parse(text(data), FILE)).isNotNull();
    }

    /** Whether EthersFormat would resolve this line's second field: the same split as it makes. */
    private static boolean namesAHost(String line) {
        int hash = line.indexOf('#');
        String[] fields = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
        if (fields.length != 2) {
            return false;
        }
        try {
            return Host.parse(fields[1]) instanceof Host.Name;
        } catch (AddressException e) {
            return false;
        }
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
