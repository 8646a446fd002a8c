package dev.socklab.services.chat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

import dev.socklab.service.Connection;

/**
 * A member's lines: telnet commands stripped, ended by LF, CRLF or telnet's CR NUL, checked to be
 * UTF-8 text of at most the line limit. A line too long is skipped to its end rather than held,
 * so a member costs a fixed amount of memory whatever it sends. The limit is read again as each
 * line begins, at its first byte, so that a reload holds an open connection to a new one from its
 * next line, even one whose read was under way. A telnet subnegotiation past its
 * bound is reported at once, and the line it cut into is skipped to its end.
 */
public final class ChatInput implements InputSource {
    private static final int READ_SIZE = 1024;

    private final Connection connection;
    private final IntSupplier limit;
    /** The limit of the line being read. */
    private int maxBytes;
    private final ByteBuffer received = ByteBuffer.allocate(READ_SIZE).flip();
    /** The line so far: the limit, and a CR that may come before the LF. */
    private byte[] line;
    private int length;
    private boolean tooLong;
    private boolean afterCr;
    /** Dropping bytes to the end of a line that a subnegotiation past its bound cut into. */
    private boolean skipping;
    private final TelnetFilter telnet = new TelnetFilter();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** @param limit the longest line, in bytes, not counting its end: read as each line begins */
    public ChatInput(Connection connection, IntSupplier limit) {
        this.connection = connection;
        this.limit = limit;
        this.maxBytes = limit.getAsInt();
        this.line = new byte[maxBytes + 1];
    }

    @Override
    public Input next() throws IOException {
        while (true) {
            while (received.hasRemaining()) {
                int b = telnet.filter(received.get());
                if (b == TelnetFilter.CUT) {
                    length = 0;
                    tooLong = false;
                    skipping = true;
                    return new Input.LongSubnegotiation(TelnetFilter.MAX_SUBNEGOTIATION_BYTES);
                }
                if (b < 0) {
                    continue;
                }
                boolean end = b == '\n' || (b == 0 && afterCr);
                afterCr = b == '\r';
                if (end && !skipping) {
                    return take();
                }
                if (end) {
                    skipping = false;
                } else if (skipping) {
                    continue;
                } else {
                    if (length == 0) {
                        begin();
                    }
                    if (length < line.length) {
                        line[length++] = (byte) b;
                    } else {
                        tooLong = true;
                    }
                }
            }
            received.clear();
            int n = connection.read(received);
            received.flip();
            if (n < 0) {
                return length > 0 || tooLong ? take() : new Input.End();
            }
        }
    }

    /** A line begins: it is held to the limit in force now, which a reload may have changed since the last. */
    private void begin() {
        int now = limit.getAsInt();
        if (now != maxBytes) {
            maxBytes = now;
            line = new byte[now + 1];
        }
    }

    private Input take() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        boolean over = tooLong || end > maxBytes;
        length = 0;
        tooLong = false;
        afterCr = false;
        if (over) {
            return new Input.TooLong(maxBytes);
        }
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(line, 0, end)).toString();
        } catch (CharacterCodingException e) {
            return new Input.NotUtf8();
        }
        return hasControlCharacters(text) ? new Input.ControlCharacters() : new Input.Text(text);
    }

    /** C0 and C1 controls and DEL, which could move a terminal's cursor or worse; tab is text. */
    static boolean hasControlCharacters(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

}
