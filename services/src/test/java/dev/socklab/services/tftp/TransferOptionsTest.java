package dev.socklab.services.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SequencedMap;

import org.junit.jupiter.api.Test;

import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.TftpException;

/** Option negotiation, RFC 2347 to 2349 and 7440, within the server's caps. */
class TransferOptionsTest {
    private static final int MAX_BLOCK = 1468;
    private static final int MAX_WINDOW = 16;

    @Test
    void noOptionsIsRfc1350WithoutAnOack() throws Exception {
        TransferOptions options = read(OptionalLong.of(10));

        assertThat(options.taken()).isEmpty();
        assertThat(options.blockSize()).isEqualTo(512);
        assertThat(options.windowSize()).isEqualTo(1);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void whatCurlAsksIsTakenInItsOrderAndTsizeIsAnsweredWithTheFileSize() throws Exception {
        TransferOptions options = read(OptionalLong.of(123456), "tsize", "0", "blksize", "1024", "timeout", "6");

        assertThat(options.taken()).containsExactly(Map.entry("tsize", "123456"), Map.entry("blksize", "1024"),
                Map.entry("timeout", "6"));
        assertThat(options.blockSize()).isEqualTo(1024);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aBlockSizeOrWindowAboveTheCapIsAnsweredWithTheCap() throws Exception {
        TransferOptions options = read(OptionalLong.empty(), "blksize", "65464", "windowsize", "64");

        assertThat(options.taken()).containsExactly(Map.entry("blksize", "1468"), Map.entry("windowsize", "16"));
        assertThat(options.blockSize()).isEqualTo(MAX_BLOCK);
        assertThat(options.windowSize()).isEqualTo(MAX_WINDOW);
    }

    @Test
    void aBlockSizeBelow8IsRefusedWithError8() {
        for (String small : new String[] {"0", "7"}) {
            assertThatThrownBy(() -> read(OptionalLong.empty(), "blksize", small))
                    .isInstanceOfSatisfying(TftpException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPTION_REFUSED);
                        assertThat(e.getMessage()).isEqualTo("blksize " + small + " is below 8 (RFC 2348)");
                    });
        }
    }

    @Test
    void theSmallestBlockSizeIsTaken() throws Exception {
        assertThat(read(OptionalLong.empty(), "blksize", "8").blockSize()).isEqualTo(8);
    }

    @Test
    void valuesOutOfRangeOrNotNumbersAndUnknownOptionsAreLeftOut() throws Exception {
        TransferOptions options = read(OptionalLong.empty(), "blksize", "big", "windowsize", "0", "timeout", "256",
                "multicast", "", "utimeout", "5000");

        assertThat(options.taken()).isEmpty();
        assertThat(options.blockSize()).isEqualTo(512);
        assertThat(options.windowSize()).isEqualTo(1);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aWriteRequestsTsizeIsTheClientsAndOneThatIsNoNumberReadsAs0AsAtftpdReadsIt() throws Exception {
        assertThat(write("tsize", "4096").size()).hasValue(4096);
        TransferOptions junk = write("tsize", "lots");
        assertThat(junk.size()).hasValue(0);
        assertThat(junk.taken()).containsExactly(Map.entry("tsize", "0"));
    }

    @Test
    void aReadsTsizeIsLeftOutWhenTheSizeIsNotKnown() throws Exception {
        assertThat(read(OptionalLong.empty(), "tsize", "0").taken()).isEmpty();
    }

    private static TransferOptions read(OptionalLong size, String... options) throws TftpException {
        return TransferOptions.negotiate(new Packet.Request(false, "f", "octet", map(options)), MAX_BLOCK, MAX_WINDOW, size);
    }

    private static TransferOptions write(String... options) throws TftpException {
        return TransferOptions.negotiate(new Packet.Request(true, "f", "octet", map(options)), MAX_BLOCK, MAX_WINDOW,
                OptionalLong.empty());
    }

    private static SequencedMap<String, String> map(String... pairs) {
        SequencedMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
