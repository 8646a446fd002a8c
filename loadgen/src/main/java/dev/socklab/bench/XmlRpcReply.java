package dev.socklab.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads an XML-RPC {@code methodResponse} just enough to judge it, without parsing it: a
 * {@code <fault>} is an error, and anything else must hold {@code <params>}. XML-RPC has no ids,
 * and a server's XML is trusted beyond this; nothing is allocated unless the reply fails.
 */
final class XmlRpcReply {
    private static final byte[] FAULT = "<fault>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARAMS = "<params>".getBytes(StandardCharsets.US_ASCII);

    private XmlRpcReply() {
    }

    /**
     * Checks the reply in {@code b[0, length)}.
     *
     * @throws ReplyFailure {@link ErrorKind#RPC_ERROR} for a fault, {@link ErrorKind#MALFORMED} for a reply without
     *     {@code <params>}
     */
    static void check(byte[] b, int length) throws ReplyFailure {
        if (contains(b, length, FAULT)) {
            throw new ReplyFailure(ErrorKind.RPC_ERROR, "the server answered with a fault");
        }
        if (!contains(b, length, PARAMS)) {
            throw new ReplyFailure(ErrorKind.MALFORMED, "not an XML-RPC response: it has neither <params> nor <fault>");
        }
    }

    private static boolean contains(byte[] b, int length, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (b[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
