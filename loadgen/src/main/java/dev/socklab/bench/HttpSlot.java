package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.socklab.http.BodyFraming;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.ResponseHead;

/**
 * A keep-alive HTTP/1.1 connection, as {@code h2load --h1} drives one: send the GET, read the
 * whole response (its head, then a body framed by {@code Content-Length}, chunks, or the server's
 * close), count it, send the next; one request at a time, never pipelined. A response must have
 * the status asked for ({@link ErrorKind#STATUS}) and be framed as RFC 9112 says, with no byte past
 * its end ({@link ErrorKind#MALFORMED}); either closes the connection, as does the server's
 * {@code Connection: close}, after which it reconnects. An operation is a response, timed from
 * the request's first byte written to the response's last byte read; its bytes are the body's.
 * The body goes to the worker's scratch buffer, counted and not kept.
 */
final class HttpSlot extends RequestSlot {
    /** Reads per readiness event: 1 MiB through the scratch buffer, then the other connections get a turn. */
    private static final int READS_PER_EVENT = 16;
    private static final HeadLimits LIMITS = HeadLimits.forResponses();

    private enum Phase { HEAD, LENGTH, CHUNKED, UNTIL_CLOSE }

    private final int status;
    private final ResponseHeadBuffer head = new ResponseHeadBuffer(LIMITS);
    private final ChunkedBody chunks = new ChunkedBody(LIMITS.maxFieldBytes());
    private Phase phase;
    private long bodyLeft;
    private long bodyBytes;
    private boolean closeAfter;

    HttpSlot(Worker worker) {
        super(worker);
        this.status = shared.plan.get().orElseThrow().status();
    }

    @Override
    void replyExpected() {
        head.reset();
        phase = Phase.HEAD;
        bodyBytes = 0;
        closeAfter = false;
    }

    @Override
    void readable(long now) throws IOException {
        ByteBuffer scratch = worker.scratch;
        for (int i = 0; i < READS_PER_EVENT && isConnected(); i++) {
            scratch.clear();
            int n = channel.read(scratch);
            if (n == 0) {
                return;
            }
            if (n < 0) {
                if (phase == Phase.UNTIL_CLOSE) {
                    complete(now);
                } else {
                    failed(ErrorKind.CLOSED, now);
                }
                return;
            }
            scratch.flip();
            try {
                if (response(scratch)) {
                    if (scratch.hasRemaining()) {
                        throw new HttpException(502, "bytes past the end of the response, which was not pipelined");
                    }
                    complete(now);
                }
            } catch (HttpException e) {
                failed(ErrorKind.MALFORMED, now);
            } catch (UnexpectedStatus e) {
                failed(ErrorKind.STATUS, now);
            }
        }
    }

    /** Takes what arrived; whether the response is complete. */
    private boolean response(ByteBuffer bytes) throws HttpException, UnexpectedStatus {
        // Bounded by the bytes given: each pass takes some, or ends the response.
        while (bytes.hasRemaining()) {
            switch (phase) {
                case HEAD -> {
                    if (!head.consume(bytes)) {
                        return false;
                    }
                    if (framed(head.parse())) {
                        return true;
                    }
                }
                case LENGTH -> {
                    int n = (int) Math.min(bodyLeft, bytes.remaining());
                    bytes.position(bytes.position() + n);
                    bodyLeft -= n;
                    bodyBytes += n;
                    if (bodyLeft == 0) {
                        return true;
                    }
                }
                case CHUNKED -> {
                    boolean done = chunks.consume(bytes);
                    bodyBytes = chunks.data();
                    if (done) {
                        return true;
                    }
                }
                case UNTIL_CLOSE -> {
                    bodyBytes += bytes.remaining();
                    bytes.position(bytes.limit());
                }
            }
        }
        return false;
    }

    /**
     * Reads the head's status and framing, and sets the phase that reads the body; whether the
     * response is already complete, having no body.
     *
     * @throws HttpException for a head whose framing cannot be trusted
     * @throws UnexpectedStatus for a status other than the one asked for
     */
    private boolean framed(ResponseHead response) throws HttpException, UnexpectedStatus {
        if (response.status() / 100 == 1 && response.status() != 101) {
            head.reset(); // an interim response (RFC 9110 §15.2): the real one follows
            return false;
        }
        if (response.status() != status) {
            throw new UnexpectedStatus();
        }
        closeAfter = !response.keepAlive();
        switch (BodyFraming.ofResponse("GET", response)) {
            case BodyFraming.None none -> {
                return true;
            }
            case BodyFraming.Length length -> {
                phase = Phase.LENGTH;
                bodyLeft = length.length();
                return bodyLeft == 0;
            }
            case BodyFraming.Chunked chunked -> {
                phase = Phase.CHUNKED;
                chunks.reset();
            }
            case BodyFraming.UntilClose untilClose -> {
                phase = Phase.UNTIL_CLOSE;
                closeAfter = true;
            }
        }
        return false;
    }

    /** Counts the response, then sends the next request, or reconnects when the server closes after it. */
    private void complete(long now) throws IOException {
        tally.operation(sentAt, now, (int) Math.min(bodyBytes, Integer.MAX_VALUE));
        succeeded();
        stopWaiting();
        if (closeAfter) {
            close();
            worker.schedule(this);
        } else {
            send(now);
        }
    }

    /** A response with another status than the one asked for: counted as {@link ErrorKind#STATUS}. */
    private static final class UnexpectedStatus extends Exception {
        UnexpectedStatus() {
            super(null, null, false, false);
        }
    }
}
