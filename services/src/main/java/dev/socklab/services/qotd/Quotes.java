package dev.socklab.services.qotd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.runtime.SettingException;
import dev.socklab.text.CappedFile;
import dev.socklab.text.IoFailure;

/**
 * The quotes a {@link QotdService} tells, each in its wire form: its lines joined by CRLF, with a
 * final CRLF, under 512 bytes as RFC 865 asks ("the quote may be just one or up to several lines,
 * but it should be less than 512 characters").
 *
 * <p>A quotes file is UTF-8 text with one quote a paragraph: paragraphs are separated by blank
 * lines, and each line is trimmed. By convention a quote's author, if any, is on its last line as
 * {@code — Name}. For example:
 *
 * <pre>
 * They also serve who only stand and wait.
 * — John Milton
 *
 * A timeout is patience with a number on it.
 * </pre>
 */
public final class Quotes {
    /** The longest quote on the wire, CRLFs included: RFC 865 asks for less than 512. */
    public static final int MAX_BYTES = 511;
    /** The largest quotes file read: a file of short quotes is far smaller, so a larger one is a mistake. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger("socklab.service.qotd");
    private static final String BUILT_IN = "quotes.txt";

    private final List<String> quotes;

    private Quotes(List<String> quotes) {
        this.quotes = List.copyOf(quotes);
    }

    /**
     * The quotes in {@code file}. A quote of 512 bytes or more on the wire is skipped, with a
     * warning naming the file and the line it starts on.
     *
     * @throws SettingException with one sentence, if the file cannot be read, is larger
     *     than 1 MiB, is not UTF-8, or holds no quote short enough
     */
    public static Quotes load(Path file) {
        byte[] bytes;
        try {
            bytes = CappedFile.readWhole(file, MAX_FILE_BYTES);
        } catch (CappedFile.TooLargeException e) {
            throw new SettingException("the quotes file " + e.getMessage() + ":"
                    + " a quotes file holds short quotes, one a paragraph");
        } catch (IOException e) {
            throw new SettingException("cannot read the quotes file " + file + ": " + IoFailure.reason(e));
        }
        return parse(decode(bytes, file.toString()), file.toString());
    }

    /** The quotes socklab comes with: some written for it, the others in the public domain. */
    public static Quotes builtIn() {
        return BuiltIn.QUOTES;
    }

    /** How many quotes there are: at least one. */
    public int size() {
        return quotes.size();
    }

    /**
     * The quote at {@code index} as it goes on the wire: lines joined by CRLF, a final CRLF.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public String get(int index) {
        return quotes.get(index);
    }

    /** The same quotes in the same order, as a reload compares them. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Quotes that && quotes.equals(that.quotes);
    }

    @Override
    public int hashCode() {
        return quotes.hashCode();
    }

    /** Parses quotes from {@code text}; {@code source} names it in warnings and errors. */
    static Quotes parse(String text, String source) {
        List<String> quotes = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int start = 0;
        // One step past the last line: the end of the text ends the last paragraph as a blank line would.
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).strip() : "";
            if (!line.isEmpty()) {
                if (paragraph.isEmpty()) {
                    start = i + 1;
                }
                paragraph.add(line);
            } else if (!paragraph.isEmpty()) {
                String quote = String.join("\r\n", paragraph) + "\r\n";
                int size = quote.getBytes(StandardCharsets.UTF_8).length;
                if (size > MAX_BYTES) {
                    LOG.warn("{} line {}: skipped a quote of {} bytes: RFC 865 quotes must be under 512",
                            source, start, size);
                } else {
                    quotes.add(quote);
                }
                paragraph.clear();
            }
        }
        if (quotes.isEmpty()) {
            throw new SettingException("there is no quote under 512 bytes in " + source + ":"
                    + " write one quote a paragraph, with a blank line between quotes");
        }
        return new Quotes(quotes);
    }

    private static String decode(byte[] bytes, String source) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new SettingException("the quotes file " + source + " is not UTF-8 text:"
                    + " save it as UTF-8");
        }
    }

    /** Parsed on first use, once. */
    private static final class BuiltIn {
        static final Quotes QUOTES = read();

        private static Quotes read() {
            try (InputStream in = Quotes.class.getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in quotes (" + BUILT_IN + ") are missing from the jar");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + BUILT_IN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
