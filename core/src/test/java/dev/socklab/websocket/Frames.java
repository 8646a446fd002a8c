package dev.socklab.websocket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.socklab.framing.ByteSource;

/** Frames as bytes for the tests, and the messages a reader makes of them whole and a byte a read. */
final class Frames {
    private Frames() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }

    static byte[] bytes(ByteBuffer frame) {
        byte[] b = new byte[frame.remaining()];
        frame.duplicate().get(b);
        return b;
    }

    /** Every message {@code role} reads from {@code stream}, until the end or an invalid one. */
    static List<Message> readAll(ByteSource stream, Role role, int maxMessage) throws java.io.IOException {
        MessageReader reader = new MessageReader(stream, role, maxMessage);
        List<Message> messages = new ArrayList<>();
        Optional<Message> next;
        while ((next = reader.read()).isPresent()) {
            messages.add(next.get());
            if (next.get() instanceof Message.Invalid) {
                break;
            }
        }
        return messages;
    }

    static ByteSource whole(byte[] stream) {
        return ByteSource.of(ByteBuffer.wrap(stream));
    }

    static ByteSource aByteARead(byte[] stream) {
        return new ByteSource() {
            private int next;

            @Override
            public int read(ByteBuffer dst) {
                if (next == stream.length) {
                    return -1;
                }
                dst.put(stream[next++]);
                return 1;
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) {
                return read(dst);
            }
        };
    }
}
