package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.service.Connection;
import dev.socklab.service.Outbox;

/**
 * What a chat member sends, under arbitrary bytes: the line framing, the telnet filter, the command parser
 * and the name checks never throw, and each result keeps its promise. See docs/security.md.
 */
class ChatParsingFuzzTest {
    private static final int MAX_LINE = 64;

    /**
     * The first byte splits the rest into reads of 1 to 16 bytes, as a network might. Input without telnet
     * commands (255), CR or NUL is also checked against a model: lines end at LF, and each is text, too long,
     * not UTF-8 or holding control characters.
     */
    @FuzzTest(maxDuration = "30s")
    void chatInputFramesLinesWithinItsLimit(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        ChatInput input = new ChatInput(new BytesConnection(stream, 1 + (data[0] & 0x0F)), () -> MAX_LINE);
        List<Input> got = new ArrayList<>();
        Input next;
        do {
            next = input.next();
            got.add(next);
            assertThat(got).hasSizeLessThanOrEqualTo(stream.length + 1);
            if (next instanceof Input.Text(String text)) {
                assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_LINE);
                assertThat(ChatInput.hasControlCharacters(text)).isFalse();
            }
            if (next instanceof Input.TooLong(int limit)) {
                assertThat(limit).isEqualTo(MAX_LINE);
            }
        } while (!(next instanceof Input.End));
        if (!contains(stream, (byte) 0xFF) && !contains(stream, (byte) '\r') && !contains(stream, (byte) 0)) {
            assertThat(got).isEqualTo(model(stream));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void telnetFilterPassesDataBytesAndDropsCommands(byte[] data) {
        TelnetFilter filter = new TelnetFilter();
        for (byte b : data) {
            assertThat(filter.filter(b)).isBetween(TelnetFilter.CUT, 255);
        }
        if (!contains(data, (byte) 0xFF)) {
            TelnetFilter fresh = new TelnetFilter();
            for (byte b : data) {
                assertThat(fresh.filter(b)).isEqualTo(b & 0xFF);
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void commandParseGivesACommandThatKeepsItsShape(byte[] data) {
        String line = new String(data, StandardCharsets.UTF_8);
        Command command = Command.parse(line);
        switch (command) {
            case Command.Nothing n -> assertThat(MemberText.shown(line)).isEmpty();
            case Command.Say(String text) -> assertThat(text).isNotEmpty().isEqualTo(MemberText.shown(text));
            case Command.Nick(String name) -> assertThat(name).isNotEmpty().doesNotContain(" ", "\t");
            case Command.Join(String room) -> assertThat(room).isNotEmpty().doesNotContain(" ", "\t");
            case Command.Msg(String nick, String text) -> {
                assertThat(nick).isNotEmpty().doesNotContain(" ", "\t");
                assertThat(text).isNotEmpty().isEqualTo(MemberText.shown(text));
            }
            case Command.Me(String action) -> assertThat(action).isNotEmpty().isEqualTo(MemberText.shown(action));
            case Command.Quit(String reason) -> assertThat(reason).isEqualTo(MemberText.shown(reason));
            case Command.Usage(String usage) -> assertThat(usage).startsWith("/");
            case Command.Unknown u -> assertThat(line).startsWith("/");
            case Command.Leave l -> assertThat(line).startsWithIgnoringCase("/leave");
            case Command.Rooms r -> assertThat(line).startsWithIgnoringCase("/rooms");
            case Command.Who w -> assertThat(line).startsWithIgnoringCase("/who");
            case Command.Help h -> assertThat(line).startsWithIgnoringCase("/help");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void nicknamesProblemAcceptsOnlyShortNamesWithoutSpaceOrControls(byte[] data) {
        String nick = new String(data, StandardCharsets.UTF_8);
        Optional<String> problem = Nicknames.problem(nick);
        if (problem.isEmpty()) {
            assertThat(nick.codePointCount(0, nick.length())).isBetween(1, Nicknames.MAX_LENGTH);
            assertThat(nick.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT || MemberText.isBlank(c) || MemberText.isInvisible(c)))
                    .isTrue();
        } else {
            assertThat(problem.get()).isNotBlank();
        }
    }

    /** What others see of a member's text: no blank but single spaces between shown text, no control or format character but a joiner between two shown ones. */
    @FuzzTest(maxDuration = "30s")
    void memberTextShowsNoBlankRunAndNothingInvisible(byte[] data) {
        String shown = MemberText.shown(new String(data, StandardCharsets.UTF_8));
        assertThat(shown).isEqualTo(shown.strip()).doesNotContain("  ").isEqualTo(MemberText.shown(shown));
        int[] cps = shown.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            assertThat(c == ' ' || !MemberText.isBlank(c)).as("U+%04X", c).isTrue();
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                assertThat(c == 0x200C || c == 0x200D).as("U+%04X", c).isTrue();
                assertThat(i > 0 && i < cps.length - 1 && cps[i - 1] != ' ' && cps[i + 1] != ' ').isTrue();
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void roomsProblemAcceptsOnlyTheRoomNameCharacters(byte[] data) {
        String name = new String(data, StandardCharsets.UTF_8);
        Optional<String> problem = Rooms.problem(name);
        if (problem.isEmpty()) {
            assertThat(name).matches("[A-Za-z0-9._-]{1,32}");
        } else {
            assertThat(problem.get()).isNotBlank();
        }
    }

    /** Lines ended by LF, for a stream with no CR, NUL or telnet command. */
    private static List<Input> model(byte[] stream) {
        List<Input> lines = new ArrayList<>();
        int start = 0;
        while (start < stream.length) {
            int lf = start;
            while (lf < stream.length && stream[lf] != '\n') {
                lf++;
            }
            lines.add(line(Arrays.copyOfRange(stream, start, lf)));
            start = lf + 1;
        }
        lines.add(new Input.End());
        return lines;
    }

    private static Input line(byte[] bytes) {
        if (bytes.length > MAX_LINE) {
            return new Input.TooLong(MAX_LINE);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Input.NotUtf8();
        }
        return text.codePoints().anyMatch(c -> c != '\t' && Character.isISOControl(c))
                ? new Input.ControlCharacters() : new Input.Text(text);
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    /** A connection whose client sent {@code bytes}, arriving {@code chunk} bytes a read, then EOF; it only reads. */
    private static final class BytesConnection implements Connection {
        private static final Logger LOG = LoggerFactory.getLogger(BytesConnection.class);
        private final ByteBuffer bytes;
        private final int chunk;

        BytesConnection(byte[] bytes, int chunk) {
            this.bytes = ByteBuffer.wrap(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!bytes.hasRemaining()) {
                return -1;
            }
            int n = Math.min(Math.min(chunk, bytes.remaining()), dst.remaining());
            dst.put(bytes.slice(bytes.position(), n));
            bytes.position(bytes.position() + n);
            return n;
        }

        @Override
        public SocketAddress peer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SocketAddress local() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, Duration wait) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean awaitReadable(Duration wait) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> readUpTo(int maxBytes, Duration quiet) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> readLine() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> readLine(int maxBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> readLine(int maxBytes, Duration pause) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Outbox outbox(int maxBytes, Duration maxLag) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] bytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendFile(ByteBuffer head, FileChannel file, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void writeLine(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdownOutput() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Logger log() {
            return LOG;
        }
    }
}
