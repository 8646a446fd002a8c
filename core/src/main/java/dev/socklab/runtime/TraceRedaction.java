package dev.socklab.runtime;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * Hides the rest of each received line that begins with one of a service's secret words (FTP's
 * {@code PASS }) from the trace: its bytes show as {@code *}, however the line is cut across
 * reads. The line end shows, so the trace still reads as lines. Only the trace's copy changes.
 */
final class TraceRedaction {
    private final List<String> prefixes;
    private final int longest;
    /** The current line's first bytes, lower-cased, until they are longer than every prefix. */
    private final StringBuilder lineStart = new StringBuilder();
    private boolean secret;

    /** @param prefixes each a line's first characters, such as {@code PASS }, matched without regard to case */
    TraceRedaction(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        this.longest = this.prefixes.stream().mapToInt(String::length).max().orElse(0);
    }

    /** What the trace shows of {@code received} (position to limit; not moved): a copy with the secrets hidden. */
    ByteBuffer hide(ByteBuffer received) {
        ByteBuffer shown = ByteBuffer.allocate(received.remaining());
        for (int i = received.position(); i < received.limit(); i++) {
            byte b = received.get(i);
            if (b == '\n') {
                secret = false;
                lineStart.setLength(0);
                shown.put(b);
                continue;
            }
            if (secret) {
                shown.put(b == '\r' ? b : (byte) '*');
                continue;
            }
            shown.put(b);
            if (lineStart.length() < longest) {
                lineStart.append(Character.toLowerCase((char) (b & 0xff)));
                secret = prefixes.contains(lineStart.toString());
            }
        }
        return shown.flip();
    }
}
