package dev.socklab.client;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpInput;
import dev.socklab.http.ResponseHead;
import dev.socklab.websocket.CloseCodes;
import dev.socklab.websocket.FrameWriter;
import dev.socklab.websocket.Handshake;
import dev.socklab.websocket.Message;
import dev.socklab.websocket.MessageReader;
import dev.socklab.websocket.Role;

/**
 * WebSocket, RFC 6455: the client, used as {@code wscat} is. Lines of input go out as text
 * messages while the messages that come in are printed, a binary one as a short hex preview; at
 * the input's end the client closes (1000) and waits for the server's close.
 */
public final class WebSocketClient {
    /** The longest message taken from a server, its fragments together. */
    public static final int MAX_MESSAGE = 16 * 1024 * 1024;
    /** How many bytes of a binary message its preview shows. */
    private static final int PREVIEW_BYTES = 16;

    private final PatientSource source;
    private final MessageReader reader;
    private final Sender sender;

    private WebSocketClient(PatientSource source, HttpInput input, ClientConnection conn) {
        this.source = source;
        this.reader = new MessageReader(input, Role.CLIENT, MAX_MESSAGE);
        this.sender = new Sender(new FrameWriter(Role.CLIENT, conn::write));
    }

    /**
     * Opens a WebSocket on {@code conn}: sends the upgrade request for {@code url} and checks the
     * server's answer, which must come within {@code timeout}.
     *
     * @throws ProtocolException if the server does not switch to WebSocket, saying why in one sentence
     * @throws java.net.SocketTimeoutException if it does not answer in time
     */
    public static WebSocketClient open(ClientConnection conn, WebSocketUrl url, Duration timeout) throws IOException {
        Deadline.requirePositive(timeout);
        String key = Handshake.newKey();
        conn.write(("GET " + url.target() + " HTTP/1.1\r\n"
                + "Host: " + url.hostField() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: " + Handshake.VERSION + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        PatientSource source = new PatientSource(conn, timeout);
        // The frames that follow the answer's head at once wait in the input, which the reader reads first.
        HttpInput input = new HttpInput(source, HeadLimits.forResponses());
        ResponseHead head;
        try {
            head = input.readResponseHead();
        } catch (HttpException e) {
            throw new ProtocolException("the server's answer is not HTTP (" + e.getMessage() + "); is it a WebSocket server?");
        }
        Handshake.checkAnswer(key, head.status(), head.fields());
        return new WebSocketClient(source, input, conn);
    }

    /**
     * Sends each line of {@code in} as a text message, and passes each message that comes to
     * {@code out} as a line, until the server closes; at the input's end, closes with 1000 and
     * waits up to the timeout for the server's close. The input is read in a thread of its own, so
     * that a server that closes first ends the conversation at once.
     *
     * @return the server's close: its code ({@link CloseCodes#NO_STATUS} if it gave none) and reason
     * @throws ProtocolException if the server breaks the protocol (it is sent the close code for it)
     * @throws EOFException if the server closes the connection without a close frame
     * @throws java.net.SocketTimeoutException if the server does not answer the close in time
     * @throws IOException if the input cannot be read or the connection fails
     */
    public Message.Close relay(BufferedReader in, Consumer<String> out) throws IOException {
        source.waitForever(true);
        LineSender lines = new LineSender(in);
        Thread.ofVirtual().name("ws-input").start(lines);
        while (true) {
            Optional<Message> next = reader.read();
            if (next.isEmpty()) {
                throw lines.inputFailure().orElseGet(() -> new EOFException(
                        "the server closed the connection without a WebSocket close frame"));
            }
            switch (next.get()) {
                case Message.Text text -> out.accept(text.text());
                case Message.Binary binary -> out.accept(preview(binary.payload()));
                case Message.Ping ping -> sender.pong(ping.payload());
                case Message.Pong _ -> { }
                case Message.Close close -> {
                    answer(close.code(), close.reason());
                    if (lines.inputFailure().isPresent()) {
                        throw lines.inputFailure().get();
                    }
                    return close;
                }
                case Message.Invalid invalid -> {
                    answer(invalid.code(), invalid.reason());
                    throw new ProtocolException("the server broke the WebSocket protocol: " + invalid.reason()
                            + " (closed with " + invalid.code() + ")");
                }
            }
        }
    }

    /** Closes in answer to the server's close or its protocol error, unless the input's end has closed already. */
    private void answer(int code, String reason) {
        try {
            sender.close(code, reason);
        } catch (IOException e) {
            // A server may close the connection as soon as its close frame is out: the answer has nowhere to go.
        }
    }

    /** A binary message as one line: its length and its first bytes in hex. */
    static String preview(ByteBuffer payload) {
        int n = payload.remaining();
        byte[] first = new byte[Math.min(n, PREVIEW_BYTES)];
        payload.get(payload.position(), first);
        return "[binary, " + n + (n == 1 ? " byte]" : " bytes]") + (n == 0 ? "" : " ")
                + HexFormat.ofDelimiter(" ").formatHex(first) + (n > PREVIEW_BYTES ? " …" : "");
    }

    /** Reads the input's lines and sends each, then the close; in a thread of its own. */
    private final class LineSender implements Runnable {
        private final BufferedReader in;
        private volatile IOException inputFailure;

        LineSender(BufferedReader in) {
            this.in = in;
        }

        @Override
        public void run() {
            try {
                String line;
                while ((line = readLine()) != null) {
                    sender.text(line);
                }
                sender.close(inputFailure == null ? CloseCodes.NORMAL : CloseCodes.GOING_AWAY, "");
            } catch (IOException e) {
                // A failure to send: the reading thread meets the connection's end, or the timeout below.
            } finally {
                // However the sending ended, the server now has the timeout to close.
                source.waitForever(false);
            }
        }

        /** The next line, or null at the input's end or when it cannot be read (which is kept). */
        private String readLine() {
            try {
                return in.readLine();
            } catch (IOException e) {
                inputFailure = new IOException("cannot read the input: " + e.getMessage(), e);
                return null;
            }
        }

        /** Why the input could not be read, if it could not. */
        Optional<IOException> inputFailure() {
            return Optional.ofNullable(inputFailure);
        }
    }

    /** The frames this client sends, from the input's thread and the reading one, one at a time; nothing after a close. */
    private static final class Sender {
        private final FrameWriter writer;
        private boolean closeSent;

        Sender(FrameWriter writer) {
            this.writer = writer;
        }

        synchronized void text(String text) throws IOException {
            if (!closeSent) {
                writer.text(text);
            }
        }

        synchronized void pong(ByteBuffer payload) throws IOException {
            if (!closeSent) {
                writer.pong(payload);
            }
        }

        synchronized void close(int code, String reason) throws IOException {
            if (!closeSent) {
                closeSent = true;
                writer.close(code, reason);
            }
        }
    }
}
