package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServerLinesTest {
    private final List<String> lines = new ArrayList<>();

    @Test
    void linesEndAtLfOrCrlfAndLoseTheirEnd() {
        ServerLines splitter = new ServerLines(100);
        splitter.feed(bytes("one\r\ntwo\n\r\nthree"), lines::add);
        assertThat(lines).containsExactly("one", "two", "");

        splitter.finish(lines::add);
        assertThat(lines).containsExactly("one", "two", "", "three");
    }

    @Test
    void aCrlfSplitBetweenTwoReadsEndsOneLine() {
        ServerLines splitter = new ServerLines(100);
        splitter.feed(bytes("one\r"), lines::add);
        splitter.feed(bytes("\ntwo\n"), lines::add);
        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void aLineLongerThanTheBoundComesInPiecesOfTheBound() {
        ServerLines splitter = new ServerLines(4);
        splitter.feed(bytes("abcdefghij\n"), lines::add);
        assertThat(lines).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void aCrlfRightAtTheBoundEndsTheLineWithNoEmptyLineAfter() {
        ServerLines splitter = new ServerLines(4);
        splitter.feed(bytes("abcd\r\nefg\n"), lines::add);
        assertThat(lines).containsExactly("abcd", "efg");
    }

    @Test
    void utf8SplitBetweenReadsIsDecodedWhole() {
        ServerLines splitter = new ServerLines(100);
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        splitter.feed(ByteBuffer.wrap(new byte[] {'a', e[0]}), lines::add);
        splitter.feed(ByteBuffer.wrap(new byte[] {e[1], '\n'}), lines::add);
        assertThat(lines).containsExactly("aé");
    }

    @Test
    void controlCharactersButTabAreMadeVisible() {
        ServerLines splitter = new ServerLines(100);
        splitter.feed(bytes("\u001b[31mred\tok\u0007\u007f\u0085\n"), lines::add);
        assertThat(lines).containsExactly("^[[31mred\tok^G^?<U+0085>");
    }

    @Test
    void bidiZeroWidthAndSeparatorCharactersAreMadeVisible() {
        // Before, these reached the chat member's terminal as they came: U+202E reversed the rest of the line.
        ServerLines splitter = new ServerLines(100);
        splitter.feed(bytes("[07:00] <bob> \u202Egnp.exe \u2066x\u2069 a\u200Bb \uFEFFc\u2028d\u2029\n"), lines::add);
        assertThat(lines).containsExactly("[07:00] <bob> <U+202E>gnp.exe <U+2066>x<U+2069> a<U+200B>b <U+FEFF>c<U+2028>d<U+2029>");
    }

    @Test
    void finishWithNothingPendingDeliversNothing() {
        ServerLines splitter = new ServerLines(100);
        splitter.feed(bytes("done\n"), lines::add);
        splitter.finish(lines::add);
        assertThat(lines).containsExactly("done");
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
