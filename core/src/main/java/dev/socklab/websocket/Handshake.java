package dev.socklab.websocket;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpVersion;
import dev.socklab.http.RequestHead;
import dev.socklab.http.Status;

/**
 * The opening handshake (RFC 6455 §4): a server's checks of an upgrade request and its
 * {@code Sec-WebSocket-Accept}, and a client's key and its check of the server's answer. No
 * extension or subprotocol is ever agreed.
 */
public final class Handshake {
    /** The only version of the protocol there is (RFC 6455 §4.1). */
    public static final String VERSION = "13";
    /** The GUID that a key is hashed with (RFC 6455 §1.3). */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /**
     * Checks that {@code request} asks for a WebSocket (RFC 6455 §4.2.1): a GET over HTTP/1.1 with
     * {@code Upgrade: websocket}, {@code Connection: upgrade}, {@code Sec-WebSocket-Version: 13}
     * and a {@code Sec-WebSocket-Key} of 16 bytes in base64.
     *
     * @return the {@code Sec-WebSocket-Accept} value for the 101 response
     * @throws HttpException 405 for another method, 426 without the upgrade or with another
     *     version (answer with {@link #refusalFields}), 400 for anything else amiss
     */
    public static String accept(RequestHead request) throws HttpException {
        if (!request.method().equals("GET")) {
            throw new HttpException(405, "A WebSocket is opened with GET, not " + request.method() + ".");
        }
        if (request.version() != HttpVersion.HTTP_1_1) {
            throw new HttpException(400, "A WebSocket is opened over HTTP/1.1, not " + request.version() + ".");
        }
        Fields fields = request.fields();
        if (!fields.hasToken("Upgrade", "websocket") || !fields.hasToken("Connection", "upgrade")) {
            throw new HttpException(426, "This is a WebSocket endpoint: ask with Upgrade: websocket and Connection: Upgrade.");
        }
        List<String> versions = fields.values("Sec-WebSocket-Version");
        if (!versions.equals(List.of(VERSION))) {
            throw new HttpException(426, "Only WebSocket version 13 is spoken here, not "
                    + (versions.isEmpty() ? "none" : String.join(", ", versions)) + ".");
        }
        List<String> keys = fields.values("Sec-WebSocket-Key");
        if (keys.size() != 1 || !isKey(keys.getFirst())) {
            throw new HttpException(400, "Sec-WebSocket-Key must be one value of 16 bytes in base64.");
        }
        return acceptFor(keys.getFirst());
    }

    /**
     * The fields a refusal from {@link #accept} must carry: {@code Allow} for 405, {@code Upgrade}
     * and the version spoken for 426 (RFC 9110 §15.5.6 and §15.5.22, RFC 6455 §4.4).
     */
    public static Fields refusalFields(int status) {
        return switch (status) {
            case 405 -> Fields.of("Allow", "GET");
            case 426 -> Fields.of("Upgrade", "websocket", "Sec-WebSocket-Version", VERSION);
            default -> Fields.none();
        };
    }

    /** The {@code Sec-WebSocket-Accept} value for {@code key}: the base64 of SHA-1 over the key and the GUID. */
    public static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** A fresh {@code Sec-WebSocket-Key} for a client's request: 16 random bytes in base64. */
    public static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * Checks a server's answer to a client's request that sent {@code key} (RFC 6455 §4.1): a 101
     * with {@code Upgrade: websocket}, {@code Connection: upgrade}, the right
     * {@code Sec-WebSocket-Accept}, and no extension or subprotocol, since the client asked for none.
     *
     * @throws ProtocolException saying, in one sentence, what is wrong with the answer
     */
    public static void checkAnswer(String key, int status, Fields fields) throws ProtocolException {
        if (status != 101) {
            throw new ProtocolException("the server answered " + status + " " + Status.reason(status)
                    + " instead of switching to WebSocket; is the path a WebSocket endpoint?");
        }
        if (!fields.hasToken("Upgrade", "websocket") || !fields.hasToken("Connection", "upgrade")) {
            throw new ProtocolException("the server switched protocols without Upgrade: websocket and Connection: Upgrade");
        }
        if (!fields.values("Sec-WebSocket-Accept").equals(List.of(acceptFor(key)))) {
            throw new ProtocolException("the server's Sec-WebSocket-Accept does not match the key sent; is it a WebSocket server?");
        }
        if (fields.has("Sec-WebSocket-Extensions") || fields.has("Sec-WebSocket-Protocol")) {
            throw new ProtocolException("the server chose an extension or subprotocol that was not asked for");
        }
    }

    private static boolean isKey(String value) {
        try {
            return value.length() == 24 && Base64.getDecoder().decode(value).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
