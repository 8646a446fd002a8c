package dev.socklab.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON-RPC 2.0 response just enough to judge it, without building it: the top-level
 * object's {@code id}, and whether it has a {@code result} or an {@code error}. Every other member
 * and every nested value is skipped, strings with their escapes; nothing is allocated unless the
 * reply fails. Not a validator: a server's JSON is trusted beyond what is judged.
 */
final class JsonRpcReply {
    private static final byte[] ID = bytes("id");
    private static final byte[] RESULT = bytes("result");
    private static final byte[] ERROR = bytes("error");

    private final byte[] b;
    private final int end;
    private int at;

    private JsonRpcReply(byte[] b, int length) {
        this.b = b;
        this.end = length;
    }

    /**
     * Checks the reply in {@code b[0, length)}: a result for the call numbered {@code id}.
     *
     * @throws ReplyFailure {@link ErrorKind#RPC_ERROR} for an error object, {@link ErrorKind#MISMATCH} for
     *     another id, {@link ErrorKind#MALFORMED} for anything else that is not a response object with a result
     */
    static void check(byte[] b, int length, long id) throws ReplyFailure {
        new JsonRpcReply(b, length).judge(id);
    }

    private void judge(long id) throws ReplyFailure {
        expect('{');
        boolean result = false;
        boolean error = false;
        long got = -1;
        if (peek() == '}') {
            at++;
        } else {
            // Bounded by the reply's length: each member moves past its key and its value.
            while (true) {
                peek();
                int keyStart = at + 1;
                skipString();
                int keyEnd = at - 1;
                expect(':');
                peek();
                if (is(keyStart, keyEnd, ID)) {
                    got = number();
                } else {
                    result |= is(keyStart, keyEnd, RESULT);
                    error |= is(keyStart, keyEnd, ERROR);
                    skipValue();
                }
                int next = next();
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    throw malformed("expected , or } after a member");
                }
            }
        }
        if (error) {
            throw new ReplyFailure(ErrorKind.RPC_ERROR, "the server answered with an error object");
        }
        if (!result) {
            throw malformed("the response has neither a result nor an error");
        }
        if (got != id) {
            throw new ReplyFailure(ErrorKind.MISMATCH, "the response's id is not the request's");
        }
    }

    /** A non-negative integer id, or -1 for any other value (a string, null), which then never matches. */
    private long number() throws ReplyFailure {
        long value = 0;
        int digits = 0;
        while (at < end && b[at] >= '0' && b[at] <= '9' && digits < 18) {
            value = value * 10 + (b[at++] - '0');
            digits++;
        }
        if (digits == 0) {
            skipValue();
            return -1;
        }
        return value;
    }

    private void skipValue() throws ReplyFailure {
        int c = peek();
        if (c == '"') {
            skipString();
            return;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            // Bounded by the reply's length.
            while (at < end) {
                byte x = b[at];
                if (x == '"') {
                    skipString();
                    continue;
                }
                at++;
                if (x == '{' || x == '[') {
                    depth++;
                } else if ((x == '}' || x == ']') && --depth == 0) {
                    return;
                }
            }
            throw malformed("the reply ends inside a value");
        }
        // A number or a literal: up to the next delimiter.
        while (at < end && b[at] != ',' && b[at] != '}' && b[at] != ']' && !space(b[at])) {
            at++;
        }
    }

    private void skipString() throws ReplyFailure {
        expect('"');
        while (at < end) {
            byte x = b[at++];
            if (x == '\\') {
                at++;
            } else if (x == '"') {
                return;
            }
        }
        throw malformed("the reply ends inside a string");
    }

    /** The next byte that is not whitespace, left unread; -1 at the end. */
    private int peek() {
        while (at < end && space(b[at])) {
            at++;
        }
        return at < end ? b[at] : -1;
    }

    private int next() {
        int c = peek();
        at++;
        return c;
    }

    private void expect(char c) throws ReplyFailure {
        if (next() != c) {
            throw malformed("expected " + c);
        }
    }

    private boolean is(int from, int to, byte[] key) {
        if (to - from != key.length || to > end) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (b[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean space(byte x) {
        return x == ' ' || x == '\t' || x == '\r' || x == '\n';
    }

    private static ReplyFailure malformed(String why) {
        return new ReplyFailure(ErrorKind.MALFORMED, "not a JSON-RPC response: " + why);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
