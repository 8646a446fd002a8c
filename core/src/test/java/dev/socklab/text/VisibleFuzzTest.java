package dev.socklab.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.trace.Preview;

/**
 * The one function that shows text from the network, and the log's escaping that asks it, under
 * arbitrary text: nothing hidden comes out but what is allowed to, and showing twice changes
 * nothing. In an ordinary build these replay the inputs committed under {@code VisibleFuzzTestInputs};
 * with {@code JAZZER_FUZZ=1} one of them fuzzes for its {@code maxDuration} (see docs/security.md).
 */
class VisibleFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void visibleOfLeavesNothingHiddenButTabsLineEndsAndJoinersBetweenShownCharacters(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        String shown = Visible.of(text);
        int[] cps = shown.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (Visible.isHidden(c)) {
                boolean lineEnd = c == '\n' || (c == '\r' && i + 1 < cps.length && cps[i + 1] == '\n');
                boolean joiner = (c == 0x200C || c == 0x200D) && i > 0 && i + 1 < cps.length
                        && !Visible.isHidden(cps[i - 1]) && !Visible.isHidden(cps[i + 1]);
                assertThat(c == '\t' || lineEnd || joiner).as("U+%04X at %d of %s", c, i, shown).isTrue();
            }
        }
        assertThat(Visible.of(shown)).isEqualTo(shown);
        if (text.codePoints().noneMatch(Visible::isHidden)) {
            assertThat(shown).isEqualTo(text);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void previewOfTextLeavesNothingHiddenAtAll(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        String preview = Preview.of(text, 64);
        assertThat(preview.codePoints().filter(Visible::isHidden).toArray()).as(preview).isEmpty();
        assertThat(preview).startsWith("\"");
    }
}
