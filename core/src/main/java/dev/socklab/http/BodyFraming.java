package dev.socklab.http;

import java.util.List;
import java.util.Locale;

import dev.socklab.trace.Preview;

/**
 * Where a message's body ends (RFC 9112 §6): it has none, it is {@code Content-Length} bytes
 * long, it comes in chunks, or (responses only) it ends when the server closes.
 */
public sealed interface BodyFraming {
    /** No body. */
    record None() implements BodyFraming {
    }

    /** The one {@link None}. */
    BodyFraming NONE = new None();

    /** A body of exactly {@code length} bytes. */
    record Length(long length) implements BodyFraming {
    }

    /** A chunked body (RFC 9112 §7.1). */
    record Chunked() implements BodyFraming {
    }

    /** A response body that ends when the connection does. */
    record UntilClose() implements BodyFraming {
    }

    /**
     * How a request's body is framed, refusing anything that two parsers could read two ways
     * (RFC 9112 §6.3, the request smuggling cases): {@code Transfer-Encoding} with
     * {@code Content-Length}, a {@code Transfer-Encoding} other than exactly {@code chunked} or
     * sent more than once or with HTTP/1.0, {@code Content-Length}s that differ or are not a
     * plain decimal number.
     *
     * @throws HttpException 400 for those, 413 for a {@code Content-Length} over {@code maxBody}
     */
    static BodyFraming ofRequest(RequestHead head, long maxBody) throws HttpException {
        // Most requests have no body: two lookups, and no lists made.
        if (!head.fields().has("Transfer-Encoding") && !head.fields().has("Content-Length")) {
            return NONE;
        }
        List<String> encodings = head.fields().values("Transfer-Encoding");
        List<String> lengths = head.fields().values("Content-Length");
        if (!encodings.isEmpty()) {
            if (!lengths.isEmpty()) {
                throw new HttpException(400, "Transfer-Encoding and Content-Length together: which one frames the body?");
            }
            if (head.version() == HttpVersion.HTTP_1_0) {
                throw new HttpException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            if (encodings.size() > 1 || !encodings.getFirst().equalsIgnoreCase("chunked")) {
                throw new HttpException(400, "Transfer-Encoding must be exactly chunked, not "
                        + String.join(", ", encodings));
            }
            return new Chunked();
        }
        if (lengths.isEmpty()) {
            return new None();
        }
        long length = contentLength(lengths);
        if (length > maxBody) {
            throw new HttpException(413, "the body is " + length + " bytes, more than the " + maxBody + " allowed");
        }
        return length == 0 ? NONE : new Length(length);
    }

    /**
     * How the body of a response to a {@code method} request is framed (RFC 9112 §6.3): none for
     * HEAD, 1xx, 204 and 304; else chunked, {@code Content-Length}, or until the server closes.
     *
     * @throws HttpException 502 when the response's framing cannot be trusted
     */
    static BodyFraming ofResponse(String method, ResponseHead head) throws HttpException {
        int status = head.status();
        if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return new None();
        }
        List<String> encodings = head.fields().values("Transfer-Encoding");
        if (!encodings.isEmpty()) {
            String last = encodings.getLast();
            return last.strip().toLowerCase(Locale.ROOT).endsWith("chunked") ? new Chunked() : new UntilClose();
        }
        List<String> lengths = head.fields().values("Content-Length");
        if (lengths.isEmpty()) {
            return new UntilClose();
        }
        try {
            return new Length(contentLength(lengths));
        } catch (HttpException e) {
            throw new HttpException(502, e.getMessage());
        }
    }

    private static long contentLength(List<String> values) throws HttpException {
        long length = -1;
        for (String value : values) {
            // A list "5, 5" is what a proxy makes of two equal fields; RFC 9110 §8.6 lets it through.
            for (String element : value.split(",", -1)) {
                long n = decimal(element.strip());
                if (length >= 0 && n != length) {
                    throw new HttpException(400, "two different Content-Lengths: " + length + " and " + n);
                }
                length = n;
            }
        }
        return length;
    }

    private static long decimal(String text) throws HttpException {
        if (text.isEmpty() || text.length() > 18) {
            throw new HttpException(400, "Content-Length is not a number of bytes: " + Preview.of(text, 40));
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpException(400, "Content-Length is not a number of bytes: " + Preview.of(text, 40));
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
