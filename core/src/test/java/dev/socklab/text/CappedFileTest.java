package dev.socklab.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.Tools;

@Timeout(30)
class CappedFileTest {
    private static final Path ZERO = Path.of("/dev/zero");

    @TempDir
    Path dir;

    @Test
    void aFileWithinTheBoundIsReadWhole() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "10.0.0.1\n10.0.0.2\n");
        assertThat(CappedFile.read(file, 18)).isEqualTo(new CappedFile.Text("10.0.0.1\n10.0.0.2\n", false));
        assertThat(new String(CappedFile.readWhole(file, 18), StandardCharsets.UTF_8)).isEqualTo("10.0.0.1\n10.0.0.2\n");
    }

    @Test
    void readKeepsTheWholeLinesWithinTheBoundAndDropsTheOneItCuts() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "10.0.0.1\n10.0.0.123\n");
        assertThat(CappedFile.read(file, 12)).isEqualTo(new CappedFile.Text("10.0.0.1\n", true));
    }

    @Test
    void readWholeRefusesAFileOneBytePastTheBoundInOneSentence() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x".repeat(1025));
        assertThatThrownBy(() -> CappedFile.readWhole(file, 1024))
                .isInstanceOf(CappedFile.TooLargeException.class)
                .hasMessage(file + " is larger than 1 KiB");
    }

    @Test
    void aFileThatNeverEndsIsReadOnlyToItsBound() throws IOException {
        // Before, an address list was read whole: /dev/zero never let start-up end.
        assertThat(CappedFile.read(ZERO, 1 << 20)).isEqualTo(new CappedFile.Text("", true));
        assertThatThrownBy(() -> CappedFile.readWhole(ZERO, 1 << 20))
                .isInstanceOf(CappedFile.TooLargeException.class)
                .hasMessage("/dev/zero is larger than 1 MiB");
    }

    @Test
    void aNamedPipeWhoseWriterNeverStopsIsReadOnlyToItsBound() throws Exception {
        Tools.require("mkfifo");
        Path fifo = dir.resolve("endless");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] lines = "10.0.0.1\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(lines);
                }
            } catch (IOException e) {
                // the reader closed its end: the pipe is broken, as it should be
            }
        });

        assertThatThrownBy(() -> CappedFile.readWhole(fifo, 64 * 1024))
                .isInstanceOf(CappedFile.TooLargeException.class)
                .hasMessage(fifo + " is larger than 64 KiB");
        writer.join(10_000);
        assertThat(writer.isAlive()).as("the writer, once the reader has gone").isFalse();
    }

    @Test
    void sizesAreWrittenInTheLargestWholeUnit() {
        assertThat(CappedFile.size(1024 * 1024)).isEqualTo("1 MiB");
        assertThat(CappedFile.size(4 * 1024 * 1024)).isEqualTo("4 MiB");
        assertThat(CappedFile.size(64 * 1024)).isEqualTo("64 KiB");
        assertThat(CappedFile.size(1000)).isEqualTo("1000 bytes");
        assertThat(CappedFile.size(1)).isEqualTo("1 byte");
    }
}
