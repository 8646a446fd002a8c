package dev.socklab.websocket;

import java.nio.ByteBuffer;

/** The XOR of a frame's payload with its masking key (RFC 6455 §5.3); masking and unmasking are one. */
final class Masking {
    private Masking() {
    }

    /**
     * Masks {@code length} bytes of {@code bytes} from index {@code at}, in place, the first of them
     * being the payload's byte {@code offset} (a payload may arrive in several reads).
     */
    static void apply(ByteBuffer bytes, int at, int length, int maskKey, long offset) {
        for (int i = 0; i < length; i++) {
            int shift = 24 - 8 * (int) ((offset + i) & 3);
            bytes.put(at + i, (byte) (bytes.get(at + i) ^ (maskKey >>> shift)));
        }
    }
}
