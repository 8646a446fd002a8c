package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class TraceRedactionTest {
    private static String shown(TraceRedaction redaction, String received) {
        ByteBuffer in = ByteBuffer.wrap(received.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer out = redaction.hide(in);
        assertThat(in.position()).as("the received bytes are not moved").isZero();
        return StandardCharsets.ISO_8859_1.decode(out).toString();
    }

    @Test
    void theRestOfASecretLineShowsAsStarsAndItsEndStays() {
        TraceRedaction redaction = new TraceRedaction(List.of("PASS "));
        assertThat(shown(redaction, "USER a\r\nPASS hunter2\r\nNOOP\r\n")).isEqualTo("USER a\r\nPASS *******\r\nNOOP\r\n");
        assertThat(shown(redaction, "pass x\n")).isEqualTo("pass *\n");
    }

    @Test
    void aSecretLineCutAcrossReadsIsHiddenInEveryPart() {
        TraceRedaction redaction = new TraceRedaction(List.of("PASS "));
        assertThat(shown(redaction, "PA")).isEqualTo("PA");
        assertThat(shown(redaction, "SS hun")).isEqualTo("SS ***");
        assertThat(shown(redaction, "ter2\r")).isEqualTo("****\r");
        assertThat(shown(redaction, "\nPASSWORD\r\n")).isEqualTo("\nPASSWORD\r\n");
    }

    @Test
    void aWordInsideALineIsNoSecret() {
        TraceRedaction redaction = new TraceRedaction(List.of("PASS "));
        assertThat(shown(redaction, "NOOP PASS x\r\n")).isEqualTo("NOOP PASS x\r\n");
    }
}
