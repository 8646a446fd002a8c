package dev.socklab.services.qotd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.LogCapture;

/** Quotes files, read without sockets. */
@Timeout(10)
class QuotesTest {
    @TempDir
    Path dir;

    @Test
    void eachParagraphIsAQuoteWithItsLinesTrimmedAndJoinedByCrlf() throws IOException {
        Path file = write("quotes.txt", """

                  First quote, one line.  \r
                \r
                \t
                Second quote,
                   on two lines.
                — Someone


                Third.""");
        Quotes quotes = Quotes.load(file);
        assertThat(all(quotes)).containsExactly(
                "First quote, one line.\r\n",
                "Second quote,\r\non two lines.\r\n— Someone\r\n",
                "Third.\r\n");
    }

    @Test
    void aQuoteOf512BytesOrMoreIsSkippedWithAWarningNamingTheFileAndLine() throws IOException {
        // 509 characters and its CRLF: 511 bytes, the longest allowed; one more byte is too long.
        String longest = "x".repeat(509);
        String tooLong = "é".repeat(255); // 510 bytes of UTF-8, and its CRLF: 512
        Path file = write("long.txt", "Short.\n\n" + longest + "\n\n" + tooLong + "\n\nAfter.\n");
        try (LogCapture log = LogCapture.socklab()) {
            Quotes quotes = Quotes.load(file);
            assertThat(all(quotes)).containsExactly("Short.\r\n", longest + "\r\n", "After.\r\n");
            assertThat(log.warnings()).singleElement().asString()
                    .contains(file.toString() + " line 5", "512 bytes", "under 512");
        }
    }

    @Test
    void anEmptyFileIsRefusedInOneSentence() throws IOException {
        Path file = write("empty.txt", "\n  \n\n");
        assertThatThrownBy(() -> Quotes.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no quote under 512 bytes in " + file
                        + ": write one quote a paragraph, with a blank line between quotes");
    }

    @Test
    void aFileOfOnlyOverLongQuotesIsRefused() throws IOException {
        Path file = write("long.txt", "y".repeat(600));
        try (LogCapture log = LogCapture.socklab()) {
            assertThatThrownBy(() -> Quotes.load(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no quote under 512 bytes");
            assertThat(log.warnings()).hasSize(1);
        }
    }

    @Test
    void aMissingFileIsRefusedInOneSentence() {
        Path file = dir.resolve("nowhere.txt");
        assertThatThrownBy(() -> Quotes.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the quotes file " + file + ": no such file");
    }

    @Test
    void aFileLargerThanOneMebibyteIsNotRead() throws IOException {
        Path file = write("huge.txt", ("A short quote.\n\n").repeat(70_000));
        assertThatThrownBy(() -> Quotes.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void aFileThatNeverEndsIsRefusedAtItsBound() {
        assertThatThrownBy(() -> Quotes.load(Path.of("/dev/zero")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the quotes file /dev/zero is larger than 1 MiB: a quotes file holds short quotes, one a paragraph");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = Files.write(dir.resolve("latin1.txt"), "Caf\u00e9 au lait.\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Quotes.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void everyBuiltInQuoteIsUnder512BytesOnTheWireAndEndsWithCrlf() {
        Quotes quotes = Quotes.builtIn();
        assertThat(quotes.size()).isBetween(20, 30);
        assertThat(all(quotes)).allSatisfy(quote -> {
            assertThat(quote.getBytes(StandardCharsets.UTF_8).length).isLessThan(512);
            assertThat(quote).endsWith("\r\n").doesNotContain("\r\n\r\n").doesNotStartWith(" ");
            assertThat(quote.replace("\r\n", "")).doesNotContain("\n", "\r");
        });
        assertThat(all(quotes)).doesNotHaveDuplicates();
    }

    @Test
    void builtInQuotesByOthersNameTheirAuthorOnTheLastLine() {
        List<String> attributed = all(Quotes.builtIn()).stream().filter(quote -> quote.contains("— ")).toList();
        assertThat(attributed).isNotEmpty().allSatisfy(quote -> {
            String[] lines = quote.split("\r\n");
            assertThat(lines[lines.length - 1]).startsWith("— ");
        });
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<String> all(Quotes quotes) {
        return IntStream.range(0, quotes.size()).mapToObj(quotes::get).toList();
    }
}
