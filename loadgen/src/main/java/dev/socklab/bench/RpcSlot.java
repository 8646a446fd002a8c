package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An rpc connection, closed-loop: send the call, read its whole reply (a line over TCP, a response
 * over HTTP kept alive), judge it, count it, send the next; one call at a time, never pipelined.
 * A JSON-RPC reply must carry the call's id and a result, an XML-RPC reply no fault: otherwise it
 * counts as an error of its kind ({@link ReplyFailure}) and the connection is closed and opened
 * again, as any failure is. Each call of a JSON-RPC connection has the next id, written into the
 * connection's own copy of the request's bytes; nothing else is made per call. An operation is a
 * call, timed from the request's first byte written to the reply's last byte read; its bytes are
 * the reply's payload.
 */
final class RpcSlot extends RequestSlot {
    /** Reads per readiness event, then the other connections get a turn. */
    private static final int READS_PER_EVENT = 16;

    private final ByteBuffer request;
    /** Where the id's digits go in {@link #request}; -1 for XML-RPC. */
    private final int idOffset;
    private final ReplyFrame reply;
    private long id;

    private RpcSlot(Worker worker, ByteBuffer request, int idOffset) {
        super(worker, request);
        this.request = request;
        this.idOffset = idOffset;
        RpcCall call = shared.plan.call().orElseThrow();
        ReplyBody body = new ReplyBody(firstReplyBytes(shared.plan.size()), maxReplyBytes(shared.plan.size()));
        this.reply = call.transport() == RpcCall.Transport.TCP ? new LineReply(body) : new HttpReply(body);
    }

    /** A slot of the plan's call: JSON-RPC's with a request of its own, for its ids; XML-RPC's shares the run's. */
    static RpcSlot of(Worker worker) {
        BenchPlan plan = worker.shared.plan;
        int idOffset = plan.call().orElseThrow().idOffset(plan.size());
        if (idOffset < 0) {
            return new RpcSlot(worker, worker.shared.message.duplicate(), -1);
        }
        ByteBuffer shared = worker.shared.message.duplicate();
        ByteBuffer own = ByteBuffer.allocateDirect(shared.remaining()).put(shared).flip();
        return new RpcSlot(worker, own, idOffset);
    }

    /** The reply buffer's first size: a reply echoes the call's payload, with room for its envelope and a head. */
    static int firstReplyBytes(int size) {
        return size + 512;
    }

    /** The longest reply taken: an echo escaped at its worst, and an error's data, with room to spare. */
    static int maxReplyBytes(int size) {
        return 8 * size + 64 * 1024;
    }

    @Override
    void replyExpected() {
        reply.reset();
        if (idOffset >= 0) {
            id = id == RpcCall.MAX_ID ? 1 : id + 1;
            long digits = id;
            for (int i = idOffset + RpcCall.ID_WIDTH - 1; i >= idOffset; i--) {
                request.put(i, digits == 0 ? (byte) ' ' : (byte) ('0' + digits % 10));
                digits /= 10;
            }
        }
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
            try {
                if (n < 0) {
                    if (!reply.endsAtClose()) {
                        failed(ErrorKind.CLOSED, now);
                        return;
                    }
                    complete(now);
                    return;
                }
                scratch.flip();
                if (reply.take(scratch)) {
                    if (scratch.hasRemaining()) {
                        throw new ReplyFailure(ErrorKind.MALFORMED, "bytes past the end of the reply, which was not pipelined");
                    }
                    complete(now);
                }
            } catch (ReplyFailure e) {
                failed(e.kind(), now);
                return;
            }
        }
    }

    /** Judges the reply, counts it, then sends the next call, or reconnects when the server closes after it. */
    private void complete(long now) throws IOException, ReplyFailure {
        ReplyBody body = reply.body();
        if (idOffset >= 0) {
            JsonRpcReply.check(body.bytes(), body.length(), id);
        } else {
            XmlRpcReply.check(body.bytes(), body.length());
        }
        tally.operation(sentAt, now, body.length());
        succeeded();
        stopWaiting();
        if (reply.closeAfter()) {
            close();
            worker.schedule(this);
        } else {
            send(now);
        }
    }
}
