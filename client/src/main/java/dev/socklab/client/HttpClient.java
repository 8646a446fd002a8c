package dev.socklab.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

import dev.socklab.http.BodyFraming;
import dev.socklab.http.Field;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpInput;
import dev.socklab.http.ResponseHead;
import dev.socklab.text.Visible;

/**
 * HTTP/1.1, RFC 9112, from the client's side: one request on a connection, and its response's
 * head, parsed by the same strict {@link HttpInput} that socklab's server reads requests with.
 * The response's body is left for the caller to read as it comes, never held whole.
 *
 * <p>Before an upload's body the client waits for the server's {@code 100 Continue}, as curl
 * does: up to {@link #CONTINUE_WAIT}, after which it sends the body anyway (a server may not know
 * {@code Expect}); a final status instead means the server does not want the body, which is then
 * not sent. Interim responses other than 100 ({@code 103 Early Hints}) are skipped.
 *
 * <p>Under {@code --trace}, each line of both heads is traced after the calls that moved it
 * ({@code > GET / HTTP/1.1}, {@code < HTTP/1.1 200 OK}), since a {@code send} or {@code recv} line
 * shows only the start of its bytes.
 */
public final class HttpClient {
    /** How long an upload waits for {@code 100 Continue} before it sends its body anyway: curl's 1 s. */
    public static final Duration CONTINUE_WAIT = Duration.ofSeconds(1);
    private static final int CHUNK = 64 * 1024;

    private HttpClient() {
    }

    /**
     * Sends {@code request} and reads its response's head, skipping interim responses.
     *
     * @param conn a connection to the server; the caller closes it once the body is read
     * @param timeout how long each read may wait for the server
     * @return the response, its body not yet read
     * @throws SocketTimeoutException if the server sends nothing for {@code timeout}
     * @throws BadResponseException if the response's head is malformed, or its body's framing cannot be trusted
     * @throws java.io.EOFException if the server closes before its head is complete
     * @throws IOException if the connection fails, or an upload's file cannot be read
     */
    public static HttpResponse exchange(ClientConnection conn, HttpRequest request, Duration timeout)
            throws IOException {
        byte[] head = request.head();
        conn.write(head);
        new String(head, StandardCharsets.UTF_8).lines().filter(line -> !line.isEmpty())
                .forEach(line -> conn.note("> " + Visible.of(line)));
        HttpInput in = new HttpInput(new ConnectionSource(conn, timeout), HeadLimits.forResponses());
        if (request.expectsContinue()) {
            Optional<ResponseHead> instead = awaitContinue(conn, in);
            if (instead.isPresent()) {
                // The server answered without wanting the body: it is not sent.
                return response(request, instead.get(), in);
            }
        }
        try {
            sendBody(conn, request.body());
        } catch (IOException e) {
            // A server that refuses a body (413) may answer and close while it is still coming: its answer tells why.
            try {
                return response(request, finalHead(conn, in), in);
            } catch (IOException | RuntimeException noAnswer) {
                e.addSuppressed(noAnswer);
                throw e;
            }
        }
        return response(request, finalHead(conn, in), in);
    }

    /**
     * Waits up to {@link #CONTINUE_WAIT} for {@code 100 Continue}.
     *
     * @return empty if it came, or nothing did in time: the body goes now; else the final
     *     response the server answered with instead
     */
    private static Optional<ResponseHead> awaitContinue(ClientConnection conn, HttpInput in) throws IOException {
        long end = System.nanoTime() + CONTINUE_WAIT.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0 && in.await(Duration.ofNanos(left))) {
            ResponseHead head = readHead(conn, in);
            if (head.status() == 100) {
                return Optional.empty();
            }
            if (head.status() / 100 != 1 || head.status() == 101) {
                return Optional.of(checkFinal(head));
            }
        }
        return Optional.empty();
    }

    private static void sendBody(ClientConnection conn, HttpRequest.Body body) throws IOException {
        switch (body) {
            case HttpRequest.NoBody none -> {
            }
            case HttpRequest.Text text -> conn.write(text.bytes());
            case HttpRequest.Upload upload -> sendFile(conn, upload);
        }
    }

    /** Sends the upload's {@code length} bytes, as promised in its {@code Content-Length}. */
    private static void sendFile(ClientConnection conn, HttpRequest.Upload upload) throws IOException {
        try (FileChannel file = FileChannel.open(upload.file(), StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            long left = upload.length();
            while (left > 0) {
                chunk.clear().limit((int) Math.min(CHUNK, left));
                if (file.read(chunk) < 0) {
                    throw new IOException(upload.file() + " shrank while it was sent: " + left
                            + " of its bytes are missing");
                }
                left -= chunk.flip().remaining();
                conn.write(chunk);
            }
        }
    }

    /** The next head that is not an interim response. */
    private static ResponseHead finalHead(ClientConnection conn, HttpInput in) throws IOException {
        ResponseHead head;
        do {
            head = readHead(conn, in);
        } while (head.status() / 100 == 1 && head.status() != 101);
        return checkFinal(head);
    }

    private static ResponseHead checkFinal(ResponseHead head) throws BadResponseException {
        if (head.status() == 101) {
            throw new BadResponseException("the server switched protocols (101), though the request asked for no"
                    + " upgrade");
        }
        return head;
    }

    private static ResponseHead readHead(ClientConnection conn, HttpInput in) throws IOException {
        ResponseHead head;
        try {
            head = in.readResponseHead();
        } catch (HttpException e) {
            throw new BadResponseException("the server's response is malformed: " + e.getMessage());
        }
        conn.note("< " + Visible.of(statusLine(head)));
        for (Field field : head.fields().all()) {
            conn.note("< " + Visible.of(field.name() + ": " + field.value()));
        }
        return head;
    }

    /** The status line as the server sent it, less its line end: {@code HTTP/1.1 200 OK}. */
    public static String statusLine(ResponseHead head) {
        String line = head.version().text() + " " + head.status();
        return head.reason().isEmpty() ? line : line + " " + head.reason();
    }

    private static HttpResponse response(HttpRequest request, ResponseHead head, HttpInput in)
            throws BadResponseException {
        BodyFraming framing;
        try {
            framing = BodyFraming.ofResponse(request.method(), head);
        } catch (HttpException e) {
            throw new BadResponseException("the server's response is malformed: " + e.getMessage());
        }
        return new HttpResponse(head, framing, in.body(framing, Long.MAX_VALUE));
    }
}
