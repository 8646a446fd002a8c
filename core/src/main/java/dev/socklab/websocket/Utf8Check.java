package dev.socklab.websocket;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Checks a text message's UTF-8 as its fragments arrive, so that a bad one fails the connection at
 * once (RFC 6455 §8.1) and a character split across two fragments is whole. The JDK's decoder is
 * strict: overlong forms, surrogates and code points past U+10FFFF are errors.
 */
final class Utf8Check {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    /** Where the decoded characters go, to be dropped: only the verdict matters here. */
    private final CharBuffer scratch = CharBuffer.allocate(512);
    /** How many of the message's bytes are checked; a character cut by a fragment's end is not yet. */
    private int checked;

    /** Starts a new message. */
    void reset() {
        decoder.reset();
        checked = 0;
    }

    /**
     * Checks the bytes of {@code message} (in write mode: its position is where its bytes end) not
     * checked yet.
     *
     * @param last whether the message ends with them, so that a character cut short is an error
     * @return whether they are UTF-8 so far
     */
    boolean check(ByteBuffer message, boolean last) {
        ByteBuffer rest = message.duplicate().flip().position(checked);
        CoderResult result;
        do {
            scratch.clear();
            result = decoder.decode(rest, scratch, last);
        } while (result.isOverflow());
        checked = rest.position();
        return !result.isError() && (!last || !rest.hasRemaining());
    }
}
