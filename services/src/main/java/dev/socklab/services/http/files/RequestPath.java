package dev.socklab.services.http.files;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.socklab.http.HttpException;

/**
 * A request's path as the static files read it: percent-decoded exactly once, as strict UTF-8
 * (an overlong or otherwise malformed sequence is refused, not replaced), and cut at its slashes
 * into names. What could climb out of the root or mean two things is refused with 400: an encoded
 * slash or backslash ({@code %2F}, {@code %5C}), a backslash, NUL, a control character, and the
 * segments {@code .} and {@code ..}. Empty segments are dropped, so {@code //a///b} is
 * {@code /a/b}.
 *
 * @param segments the names from the root down, none empty, none {@code .} or {@code ..}
 * @param directory whether the path ends with a slash: a directory asked for as one
 */
record RequestPath(List<String> segments, boolean directory) {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    RequestPath {
        segments = List.copyOf(segments);
    }

    /**
     * Decodes {@code raw}, a request target's path as sent.
     *
     * @throws HttpException 400, saying what is wrong with it
     */
    static RequestPath parse(String raw) throws HttpException {
        if (!raw.startsWith("/")) {
            throw bad("the path must begin with /");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !HexFormat.isHexDigit(raw.charAt(i + 1))
                        || !HexFormat.isHexDigit(raw.charAt(i + 2))) {
                    throw bad("'%' must be followed by two hex digits");
                }
                int b = HexFormat.fromHexDigits(raw, i + 1, i + 3);
                if (b == '/' || b == '\\') {
                    throw bad("an encoded slash or backslash (%2F, %5C) names no file here");
                }
                bytes.write(b);
                i += 2;
            } else if (c > 0x20 && c < 0x7F) {
                bytes.write(c);
            } else {
                throw bad("the path may hold visible ASCII only: percent-encode any other character");
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw bad("the path, percent-decoded, is not UTF-8");
        }
        if (decoded.indexOf('\0') >= 0 || decoded.indexOf('\\') >= 0) {
            throw bad("the path holds NUL or a backslash");
        }
        if (decoded.chars().anyMatch(Character::isISOControl)) {
            throw bad("the path holds a control character");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : decoded.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw bad("the path holds a '.' or '..' segment, which socklab does not resolve");
            }
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return new RequestPath(segments, decoded.endsWith("/"));
    }

    /** The path with its slash added: where a directory asked for without one is found. */
    RequestPath asDirectory() {
        return new RequestPath(segments, true);
    }

    /** The path as a URL's path again, every byte but the unreserved ones percent-encoded. */
    String encoded() {
        StringBuilder s = new StringBuilder();
        for (String segment : segments) {
            s.append('/').append(encode(segment));
        }
        return directory || segments.isEmpty() ? s.append('/').toString() : s.toString();
    }

    /** The path decoded, as a person reads it: for a listing's title and for messages. */
    String shown() {
        String joined = "/" + String.join("/", segments);
        return directory && !segments.isEmpty() ? joined + "/" : joined;
    }

    /**
     * {@code name} percent-encoded for a link, every byte of its UTF-8 but the unreserved ones (RFC 3986
     * §2.3): a name such as {@code a:b} or {@code ?x} then stays a relative path.
     */
    static String encode(String name) {
        StringBuilder s = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                s.append((char) c);
            } else {
                s.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
        return s.toString();
    }

    private static HttpException bad(String why) {
        return new HttpException(400, why);
    }
}
