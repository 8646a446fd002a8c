package dev.socklab.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.socklab.http.Field;
import dev.socklab.http.Fields;

/**
 * A request as {@code socklab http} sends it (RFC 9112 §3): the method, the URL, a body if any,
 * and the fields the user adds. The head carries, as curl's does, {@code Host}, {@code User-Agent},
 * {@code Accept: *}{@code /*}, the body's {@code Content-Length} (and for {@code --data} the
 * form's {@code Content-Type}), {@code Expect: 100-continue} before an upload, and
 * {@code Connection: close}. A user's field of the same name takes the place of socklab's, and one
 * with an empty value removes it.
 *
 * @param method the method, a token such as {@code GET}
 * @param url where the request goes
 * @param body what follows the head
 * @param userFields the fields the user asked for, in order; no {@code Content-Length} or
 *     {@code Transfer-Encoding}, which only the body decides
 * @param userAgent the {@code User-Agent} field's value: {@code socklab/0.1.0}
 */
public record HttpRequest(String method, HttpUrl url, Body body, Fields userFields, String userAgent) {
    /** The fields that frame the body: sent by socklab alone, or the body would be read two ways. */
    private static final List<String> FRAMING = List.of("Content-Length", "Transfer-Encoding");

    /**
     * @throws IllegalArgumentException for a method that is not a token, or a user field that
     *     frames the body, with one sentence saying which
     */
    public HttpRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        if (!isToken(method)) {
            throw new IllegalArgumentException("not an HTTP method: '" + method + "' (a word such as GET, POST, PUT)");
        }
        for (Field field : userFields.all()) {
            if (FRAMING.stream().anyMatch(field::is)) {
                throw new IllegalArgumentException("socklab sets " + field.name() + " itself, from --data or --upload:"
                        + " leave it out of -H");
            }
        }
    }

    /** What follows a request's head. */
    public sealed interface Body {
        /** Its length in bytes, or -1 for none. */
        long length();
    }

    /** No body: no {@code Content-Length} either. */
    public record NoBody() implements Body {
        @Override
        public long length() {
            return -1;
        }
    }

    /**
     * Text given on the command line ({@code --data}), sent as UTF-8 with the type of a form, as
     * curl sends it.
     */
    public record Text(String text) implements Body {
        /** The bytes sent. */
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public long length() {
            return bytes().length;
        }
    }

    /**
     * A file's bytes ({@code --upload}), {@code length} of them, read as they are sent; the request
     * asks the server whether to send them ({@code Expect: 100-continue}).
     */
    public record Upload(Path file, long length) implements Body {
    }

    /**
     * A header field as the command line writes it, {@code Name: value}.
     *
     * @throws IllegalArgumentException if it has no colon, its name is not a token, or its value
     *     holds a CR, LF or other control character, with one sentence saying which
     */
    public static Field field(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a header field is written 'Name: value', not '" + line + "'");
        }
        String name = line.substring(0, colon);
        if (!isToken(name)) {
            throw new IllegalArgumentException("not a header field name: '" + name + "' (letters, digits and"
                    + " !#$%&'*+-.^_`|~, no spaces)");
        }
        String value = line.substring(colon + 1).strip();
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException("the value of " + name + " holds a control character such as CR or"
                    + " LF, which would end the field early");
        }
        return new Field(name, value);
    }

    /** Whether the request asks the server's leave before sending its body: an upload does. */
    public boolean expectsContinue() {
        return body instanceof Upload && headFields().first("Expect").isPresent();
    }

    /** The head's fields, in the order sent. */
    public Fields headFields() {
        List<Field> ours = new ArrayList<>(List.of(
                new Field("Host", url.authority()),
                new Field("User-Agent", userAgent),
                new Field("Accept", "*/*")));
        if (body instanceof Text) {
            ours.add(new Field("Content-Type", "application/x-www-form-urlencoded"));
        }
        if (body.length() >= 0) {
            ours.add(new Field("Content-Length", Long.toString(body.length())));
        }
        if (body instanceof Upload) {
            ours.add(new Field("Expect", "100-continue"));
        }
        ours.add(new Field("Connection", "close"));
        Fields.Builder fields = Fields.builder();
        List<Field> theirs = new ArrayList<>(userFields.all());
        for (Field field : ours) {
            List<Field> instead = theirs.stream().filter(f -> f.is(field.name())).toList();
            if (instead.isEmpty()) {
                fields.add(field.name(), field.value());
            }
            addNonEmpty(fields, instead);
            theirs.removeAll(instead);
        }
        addNonEmpty(fields, theirs);
        return fields.build();
    }

    /** The head as sent: the request line, the fields, the empty line; each line ends in CRLF. */
    public byte[] head() {
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(url.target()).append(" HTTP/1.1\r\n");
        for (Field field : headFields().all()) {
            head.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        // UTF-8: a value typed on the command line goes as the bytes the user typed, as curl sends it.
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void addNonEmpty(Fields.Builder fields, List<Field> add) {
        for (Field field : add) {
            if (!field.value().isEmpty()) {
                fields.add(field.name(), field.value());
            }
        }
    }

    /** A token (RFC 9110 §5.6.2): what a method and a field name are made of. */
    private static boolean isToken(String text) {
        return text != null && !text.isEmpty()
                && text.chars().allMatch(c -> c < 0x7f && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }
}
