package dev.socklab.http;

/**
 * How large a message head may be, each bound counted in bytes on the wire with line ends.
 *
 * @param maxStartLine the longest request or status line: a request past it gets 414
 * @param maxFieldBytes the most bytes of header field lines (and of a chunked body's trailer): 431
 * @param maxFields the most header fields: 431
 */
public record HeadLimits(int maxStartLine, int maxFieldBytes, int maxFields) {
    public HeadLimits {
        if (maxStartLine < 16 || maxFieldBytes < 2 || maxFields < 1) {
            throw new IllegalArgumentException("limits too small to hold any message: " + maxStartLine + ", "
                    + maxFieldBytes + ", " + maxFields);
        }
    }

    /** Limits generous enough for any real server's responses, for clients. */
    public static HeadLimits forResponses() {
        return new HeadLimits(8 * 1024, 64 * 1024, 256);
    }
}
