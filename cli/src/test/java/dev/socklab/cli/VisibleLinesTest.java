package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class VisibleLinesTest {
    @Test
    void aLineWithNoEndIsShownInPartsCutBetweenCharacters() throws Exception {
        // Two-byte characters after one ASCII byte: every cut at the bound would fall inside one.
        String text = "x" + "é".repeat(VisibleLines.MAX_HELD) + "\u001b[2J\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VisibleLines lines = new VisibleLines(out, ServerText.forTerminal(true))) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 1000) {
                lines.write(bytes, i, Math.min(1000, bytes.length - i));
            }
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x" + "é".repeat(VisibleLines.MAX_HELD) + "^[[2J\r\n");
    }
}
