package dev.socklab.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import dev.socklab.framing.ByteSource;
import dev.socklab.framing.LineFraming;
import dev.socklab.service.LineTooLongException;
import dev.socklab.text.Durations;

/**
 * JSON-RPC 2.0 over a stream connection, TCP or a Unix socket, as socklab's {@code rpc} service
 * and many others speak it (the Language Server Protocol's base, Ethereum nodes, device APIs):
 * one JSON text per line each way. Calls go one at a time, each waiting for its answer, on one
 * connection for as many calls as the caller makes; each request has an id of its own, and an
 * answer to any other is refused. Notifications the server sends of its own accord are skipped.
 *
 * <p>Under {@code --trace} each request and response is traced as a line of its own
 * ({@code > {"jsonrpc":"2.0",...}}), after the calls that moved it.
 */
public final class RpcClient {
    /** The longest response line read: far more than a result a person reads, bounded all the same. */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final ClientConnection conn;
    private final Duration timeout;
    private final LineFraming lines;
    /** When the answer to the call under way is due, a {@link System#nanoTime()}. */
    private long end;
    private long nextId = 1;

    /**
     * A client on {@code conn}, which the caller closes.
     *
     * @param timeout how long each call may wait for its whole answer
     */
    public RpcClient(ClientConnection conn, Duration timeout) {
        this.conn = conn;
        this.timeout = Deadline.requirePositive(timeout);
        this.lines = new LineFraming(new AnswerSource(), MAX_RESPONSE_BYTES);
    }

    /**
     * Calls {@code method} and waits for its answer.
     *
     * @param params the arguments: an array by position, an object by name
     * @return the result, a JSON null for none
     * @throws RpcErrorException the error the server answered with
     * @throws SocketTimeoutException if the whole answer does not come within the timeout
     * @throws EOFException if the server closes before it answers
     * @throws BadResponseException if the answer is no JSON-RPC response, or answers another request
     * @throws ReplyTooLongException if the answer passes {@link #MAX_RESPONSE_BYTES}
     * @throws IOException if the connection fails
     */
    public JsonNode call(String method, JsonNode params) throws IOException {
        long id = nextId++;
        String request = RpcJson.request(id, method, params);
        conn.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        conn.note("> " + RpcJson.quote(request));
        end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> read;
            try {
                read = lines.readLine();
            } catch (LineTooLongException e) {
                throw new ReplyTooLongException(MAX_RESPONSE_BYTES);
            }
            if (read.isEmpty()) {
                throw new EOFException("the server closed the connection without answering");
            }
            String line = read.get();
            conn.note("< " + RpcJson.quote(line));
            Optional<JsonNode> result = RpcJson.result(line, id);
            if (result.isPresent()) {
                return result.get();
            }
        }
    }

    /** The connection's bytes, each read waiting only until the answer is due: the whole answer has the timeout. */
    private final class AnswerSource implements ByteSource {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            long left = end - System.nanoTime();
            try {
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                return conn.read(dst, Duration.ofNanos(left));
            } catch (SocketTimeoutException e) {
                SocketTimeoutException late = new SocketTimeoutException("no answer within " + Durations.format(timeout));
                late.initCause(e);
                throw late;
            }
        }

        @Override
        public int read(ByteBuffer dst, Duration wait) throws IOException {
            return read(dst);
        }
    }
}
