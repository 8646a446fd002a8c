package dev.socklab.services.chat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import dev.socklab.framing.ByteSource;
import dev.socklab.service.Connection;
import dev.socklab.text.Durations;
import dev.socklab.websocket.CloseCodes;
import dev.socklab.websocket.Message;
import dev.socklab.websocket.MessageReader;
import dev.socklab.websocket.Role;

/**
 * A browser member's lines: each WebSocket text message is one line, checked as an {@code nc}
 * member's is (its length in UTF-8 bytes, control characters; the WebSocket layer has checked
 * the UTF-8). Pings are answered, pongs taken as a sign of life. The input ends at the browser's
 * close frame, at the end of the stream, or at a breach of the protocol, which is answered with
 * the close frame it calls for; a binary message ends it with 1003, as a chat speaks text.
 *
 * <p>Its reads wait for a time of their own, never for the runtime's idle timeout (the http
 * service's): the chat's idle timeout ({@link ChatSettings#idleTimeout}) counts from the member's
 * last message, and pings tell a member that only reads from one that is gone.
 */
final class WebSocketInput implements InputSource {
    /**
     * The longest message read, longer than any line may be ({@link ChatSettings}' largest
     * {@code --chat-max-line}), so that a line too long is refused as a line and the member stays;
     * past it the connection is closed with 1009.
     */
    static final int MAX_MESSAGE = 64 * 1024;
    /** How long a member that has been sent the close frame has to answer with its own. */
    private static final Duration CLOSING_WAIT = Duration.ofSeconds(2);
    /** RFC 6455 §7.4.1: this end cannot take the type of data it got. */
    private static final int UNSUPPORTED_DATA = 1003;

    private final Connection connection;
    private final WebSocketOutbox outbox;
    /** The chat's settings in force: a reload's line length holds the next message, its idle timeout the next check. */
    private final Supplier<ChatSettings> settings;
    private final Duration pingEvery;
    private final MessageReader reader;
    /** When the member last sent a message, in nanoseconds. */
    private long lastMessage = System.nanoTime();
    /** Whether the member's close frame has come (or its stream ended): nothing more will. */
    private boolean ended;

    /**
     * @param settings the chat's settings in force, read as each message comes and at each check: the line length
     *     ({@link ChatSettings#maxLineBytes}), and how long the member may send no message ({@link ChatSettings#idleTimeout})
     * @param pingEvery how long the connection may carry nothing before the member is pinged, and then how
     *     long it has to answer
     */
    WebSocketInput(Connection connection, WebSocketOutbox outbox, Supplier<ChatSettings> settings, Duration pingEvery) {
        this.connection = connection;
        this.outbox = outbox;
        this.settings = settings;
        this.pingEvery = pingEvery;
        this.reader = new MessageReader(new Pinging(), Role.SERVER, MAX_MESSAGE);
    }

    @Override
    public Input next() throws IOException {
        while (!ended) {
            Optional<Message> read = reader.read();
            if (read.isEmpty()) {
                ended = true;
                break;
            }
            switch (read.get()) {
                case Message.Text text -> {
                    // Once the server has closed, what the member still sends is read away, not acted on.
                    if (!outbox.closed()) {
                        lastMessage = System.nanoTime();
                        return line(text.text());
                    }
                }
                case Message.Ping ping -> outbox.pong(ping.payload());
                case Message.Pong pong -> {
                }
                case Message.Close close -> {
                    ended = true;
                    // The answer echoes the member's code (RFC 6455 §5.5.1), unless the server has closed first.
                    outbox.close("", close.code(), "");
                }
                case Message.Invalid invalid -> {
                    ended = true;
                    outbox.close("", invalid.code(), invalid.reason());
                }
                case Message.Binary binary -> outbox.close("", UNSUPPORTED_DATA, "text messages only: one line each");
            }
        }
        return new Input.End();
    }

    /**
     * After the server's close frame: reads away what the member still sends until its close frame
     * answers, its stream ends or {@link #CLOSING_WAIT} passes, so that the connection closes once both
     * ends have said so.
     */
    void awaitClose() throws IOException {
        while (!ended) {
            next();
        }
    }

    private Input line(String text) {
        int maxLineBytes = settings.get().maxLineBytes();
        if (text.getBytes(StandardCharsets.UTF_8).length > maxLineBytes) {
            return new Input.TooLong(maxLineBytes);
        }
        return ChatInput.hasControlCharacters(text) ? new Input.ControlCharacters() : new Input.Text(text);
    }

    /**
     * The connection's bytes. When none have come for {@link #pingEvery} the member is pinged, and a member
     * that has not answered within {@link #pingEvery} more is gone (its browser or its network): it is closed
     * with 1001. So is a member that has sent no message for the chat's idle timeout (its pongs do not count).
     * Once the server's close frame is out, the stream ends after {@link #CLOSING_WAIT}.
     */
    private final class Pinging implements ByteSource {
        /** When bytes last came, in nanoseconds. */
        private long lastHeard = System.nanoTime();
        /** Whether a ping has gone out since, and when. */
        private boolean pinged;
        private long pingedAt;
        /** When this reader first saw the server's close frame out, in nanoseconds, once {@link #closing}. */
        private long closedAt;
        private boolean closing;

        @Override
        public int read(ByteBuffer dst) throws IOException {
            while (true) {
                Duration wait = outbox.closed() ? closingLeft() : untilNextCheck();
                if (!wait.isPositive()) {
                    if (outbox.closed()) {
                        return -1;
                    }
                    continue;
                }
                int n = connection.read(dst, wait);
                if (n != 0) {
                    lastHeard = System.nanoTime();
                    pinged = false;
                    return n;
                }
            }
        }

        @Override
        public int read(ByteBuffer dst, Duration wait) throws IOException {
            return connection.read(dst, wait);
        }

        /** Pings, or closes, if it is time; how long to wait for bytes before the next check, or zero after a close. */
        private Duration untilNextCheck() {
            long now = System.nanoTime();
            Duration idleTimeout = settings.get().idleTimeout();
            Duration idle = idleTimeout.minusNanos(now - lastMessage);
            if (!idle.isPositive()) {
                outbox.close("", CloseCodes.GOING_AWAY, "quiet for " + Durations.format(idleTimeout));
                return Duration.ZERO;
            }
            if (pinged && now - pingedAt >= pingEvery.toNanos()) {
                outbox.close("", CloseCodes.GOING_AWAY, "no answer to a ping");
                return Duration.ZERO;
            }
            if (!pinged && now - lastHeard >= pingEvery.toNanos()) {
                outbox.ping();
                pinged = true;
                pingedAt = now;
            }
            Duration next = pingEvery.minusNanos(now - (pinged ? pingedAt : lastHeard));
            return next.compareTo(idle) < 0 ? next : idle;
        }

        private Duration closingLeft() {
            if (!closing) {
                closing = true;
                closedAt = System.nanoTime();
            }
            return CLOSING_WAIT.minusNanos(System.nanoTime() - closedAt);
        }
    }
}
