package dev.socklab.trace;

import java.nio.ByteBuffer;

import dev.socklab.text.Visible;

/**
 * A short, escaped, quoted view of bytes on the wire, for trace lines: printable ASCII as is,
 * {@code \r \n \t \\ \"} as in C, any other byte as {@code \xNN}, and {@code ...} past a limit.
 */
public final class Preview {
    /** How many payload bytes a trace line shows: enough to recognise a line, short enough to read on a wall. */
    public static final int DEFAULT_LIMIT = 40;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Preview() {
    }

    /** The first {@link #DEFAULT_LIMIT} bytes of {@code data} from its position to its limit; the buffer is not moved. */
    public static String of(ByteBuffer data) {
        return of(data, DEFAULT_LIMIT);
    }

    /** The first {@code limit} bytes of {@code data} from its position to its limit; the buffer is not moved. */
    public static String of(ByteBuffer data, int limit) {
        int n = Math.min(data.remaining(), limit);
        StringBuilder out = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; i++) {
            appendEscaped(out, data.get(data.position() + i) & 0xff);
        }
        out.append('"');
        if (data.remaining() > limit) {
            out.append("...");
        }
        return out.toString();
    }

    /**
     * The text, escaped the same way as bytes would be, cut to {@code limit} characters (a pair of
     * surrogates is kept whole). Other characters that {@link Visible#isHidden} names, such as a
     * C1 control or a right-to-left override, show as {@code \u202e} ({@code \U000e0001} past
     * U+FFFF), so that no log or trace line can be reordered or hide a part of itself.
     */
    public static String of(String text, int limit) {
        int n = Math.min(text.length(), limit);
        StringBuilder out = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                appendEscaped(out, c);
            } else if (Visible.isHidden(c)) {
                out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
            } else {
                // Other non-ASCII text is shown as is: a name in another script stays readable.
                out.appendCodePoint(c);
            }
        }
        out.append('"');
        if (text.length() > limit) {
            out.append("...");
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, int b) {
        switch (b) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            case '"' -> out.append("\\\"");
            default -> {
                if (b >= 0x20 && b < 0x7f) {
                    out.append((char) b);
                } else {
                    // By hand: String.format per byte made a binary preview cost microseconds.
                    out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
                }
            }
        }
    }
}
