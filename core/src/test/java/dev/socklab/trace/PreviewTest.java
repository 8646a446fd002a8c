package dev.socklab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PreviewTest {
    @Test
    void bytesShowAsCEscapesAndAreCutAtTheLimit() {
        ByteBuffer data = ByteBuffer.wrap("a\"\\\r\n\t\u001b\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Preview.of(data)).isEqualTo("\"a\\\"\\\\\\r\\n\\t\\x1b\\xff\"");
        assertThat(Preview.of(data, 2)).isEqualTo("\"a\\\"\"...");
        assertThat(data.position()).isZero();
    }

    @Test
    void textShowsControlsEscapedAndOtherScriptsAsTheyAre() {
        assertThat(Preview.of("caf\u00e9 \u4e16 \u001b[2J \u0085", 40)).isEqualTo("\"caf\u00e9 \u4e16 \\x1b[2J \\u0085\"");
    }

    @Test
    void textShowsBidiZeroWidthAndOtherFormatCharactersEscaped() {
        // Before, these reached the log as they are: U+202E reversed the rest of the log line.
        assertThat(Preview.of("a\u202Eb\u2066c\u2069d\u200Be\uFEFFf\u2028g\u2029h\uDB40\uDC01i", 80))
                .isEqualTo("\"a\\u202eb\\u2066c\\u2069d\\u200be\\ufefff\\u2028g\\u2029h\\U000e0001i\"");
    }

    @Test
    void textIsCutAtTheLimitWithoutSplittingAPair() {
        assertThat(Preview.of("abcdef", 3)).isEqualTo("\"abc\"...");
        assertThat(Preview.of("a\uD83D\uDE00b", 2)).isEqualTo("\"a\uD83D\uDE00\"...");
    }
}
