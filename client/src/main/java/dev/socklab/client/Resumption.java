package dev.socklab.client;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.socklab.http.ResponseHead;

/**
 * What a download resumed with {@code Range: bytes=N-} does with its file, N being the bytes the
 * file already holds, by the response's status (RFC 9110 §14 and §15.3.7).
 */
public enum Resumption {
    /** 206 from byte N on: the body is the rest, appended to the file. */
    APPEND,
    /** 200: the server ignored the range, and the body is the whole resource, written from the start. */
    RESTART,
    /** 416, and the server's resource is as long as the file, or it did not say: nothing is left to fetch. */
    COMPLETE,
    /** Any other answer: no part of the resource; the file stays as it is. */
    NONE;

    /** {@code bytes FIRST-LAST/COMPLETE} or {@code bytes * /COMPLETE}, the complete length possibly {@code *}. */
    private static final Pattern CONTENT_RANGE = Pattern.compile(
            "bytes\\s+(?:(\\d{1,18})-(\\d{1,18})|\\*)/(\\d{1,18}|\\*)", Pattern.CASE_INSENSITIVE);

    /**
     * How the answer to a request for the bytes from {@code have} on is saved.
     *
     * @throws BadResponseException for a 206 that does not start at byte {@code have}: appending
     *     it would corrupt the file
     */
    public static Resumption of(long have, ResponseHead head) throws BadResponseException {
        return switch (head.status()) {
            case 200 -> RESTART;
            case 206 -> {
                Matcher range = contentRange(head);
                if (range == null || range.group(1) == null || Long.parseLong(range.group(1)) != have) {
                    throw new BadResponseException("the server sent a part (206) that does not start at byte " + have
                            + ", where the file ends: Content-Range is "
                            + head.fields().first("Content-Range").map(v -> "'" + v + "'").orElse("missing"));
                }
                yield APPEND;
            }
            case 416 -> {
                OptionalLong complete = completeLength(head);
                yield complete.isEmpty() || complete.getAsLong() == have ? COMPLETE : NONE;
            }
            default -> NONE;
        };
    }

    /** The complete length a response's {@code Content-Range} gives, if it gives one. */
    public static OptionalLong completeLength(ResponseHead head) {
        Matcher range = contentRange(head);
        return range == null || range.group(3).equals("*") ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(range.group(3)));
    }

    private static Matcher contentRange(ResponseHead head) {
        Matcher m = CONTENT_RANGE.matcher(head.fields().first("Content-Range").orElse(""));
        return m.matches() ? m : null;
    }
}
