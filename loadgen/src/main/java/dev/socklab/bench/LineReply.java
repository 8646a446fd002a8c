package dev.socklab.bench;

import java.nio.ByteBuffer;

/** A reply that is one line, as JSON-RPC over TCP sends one JSON text a line: it ends at LF, a CR before it dropped. */
final class LineReply implements ReplyFrame {
    private final ReplyBody body;

    LineReply(ReplyBody body) {
        this.body = body;
    }

    @Override
    public void reset() {
        body.reset();
    }

    @Override
    public boolean take(ByteBuffer bytes) throws ReplyFailure {
        int start = bytes.position();
        for (int i = start; i < bytes.limit(); i++) {
            if (bytes.get(i) == '\n') {
                body.add(bytes, i - start);
                bytes.get(); // the LF
                body.dropLast((byte) '\r');
                return true;
            }
        }
        body.add(bytes, bytes.remaining());
        return false;
    }

    @Override
    public boolean endsAtClose() {
        return false;
    }

    @Override
    public boolean closeAfter() {
        return false;
    }

    @Override
    public ReplyBody body() {
        return body;
    }
}
