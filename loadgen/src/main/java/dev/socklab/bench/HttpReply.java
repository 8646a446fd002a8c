package dev.socklab.bench;

import java.nio.ByteBuffer;

import dev.socklab.http.BodyFraming;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.ResponseHead;

/**
 * An rpc reply over HTTP/1.1: a 200 response whose body, framed by {@code Content-Length} or by
 * the server's close, is the reply. Its head is read as {@link HttpSlot} reads one, an interim 1xx
 * skipped; any other status is {@link ErrorKind#STATUS}, a chunked body (which no RPC server
 * compared sends) or a head that cannot be trusted {@link ErrorKind#MALFORMED}.
 */
final class HttpReply implements ReplyFrame {
    private static final HeadLimits LIMITS = HeadLimits.forResponses();

    private enum Phase { HEAD, LENGTH, UNTIL_CLOSE }

    private final ResponseHeadBuffer head = new ResponseHeadBuffer(LIMITS);
    private final ReplyBody body;
    private Phase phase;
    private long bodyLeft;
    private boolean closeAfter;

    HttpReply(ReplyBody body) {
        this.body = body;
    }

    @Override
    public void reset() {
        head.reset();
        body.reset();
        phase = Phase.HEAD;
        closeAfter = false;
    }

    @Override
    public boolean take(ByteBuffer bytes) throws ReplyFailure {
        // Bounded by the bytes given: each pass takes some, or ends the reply.
        while (bytes.hasRemaining()) {
            switch (phase) {
                case HEAD -> {
                    if (!consumeHead(bytes)) {
                        return false;
                    }
                    if (framed()) {
                        return true;
                    }
                }
                case LENGTH -> {
                    int n = (int) Math.min(bodyLeft, bytes.remaining());
                    body.add(bytes, n);
                    bodyLeft -= n;
                    if (bodyLeft == 0) {
                        return true;
                    }
                }
                case UNTIL_CLOSE -> body.add(bytes, bytes.remaining());
            }
        }
        return false;
    }

    private boolean consumeHead(ByteBuffer bytes) throws ReplyFailure {
        try {
            return head.consume(bytes);
        } catch (HttpException e) {
            throw new ReplyFailure(ErrorKind.MALFORMED, e.getMessage());
        }
    }

    /** Reads the head's status and framing; whether the reply is already complete, with an empty body. */
    private boolean framed() throws ReplyFailure {
        try {
            ResponseHead response = head.parse();
            if (response.status() / 100 == 1 && response.status() != 101) {
                head.reset(); // an interim response (RFC 9110 §15.2): the real one follows
                return false;
            }
            if (response.status() != 200) {
                throw new ReplyFailure(ErrorKind.STATUS, "the server answered " + response.status() + ", not 200");
            }
            closeAfter = !response.keepAlive();
            switch (BodyFraming.ofResponse("POST", response)) {
                case BodyFraming.Length length -> {
                    phase = Phase.LENGTH;
                    bodyLeft = length.length();
                    return bodyLeft == 0;
                }
                case BodyFraming.UntilClose untilClose -> {
                    phase = Phase.UNTIL_CLOSE;
                    closeAfter = true;
                    return false;
                }
                case BodyFraming.None none -> {
                    return true;
                }
                case BodyFraming.Chunked chunked ->
                    throw new ReplyFailure(ErrorKind.MALFORMED, "a chunked reply, which bench rpc does not read");
            }
        } catch (HttpException e) {
            throw new ReplyFailure(ErrorKind.MALFORMED, e.getMessage());
        }
    }

    @Override
    public boolean endsAtClose() {
        return phase == Phase.UNTIL_CLOSE;
    }

    @Override
    public boolean closeAfter() {
        return closeAfter;
    }

    @Override
    public ReplyBody body() {
        return body;
    }
}
