package dev.socklab.services.arena;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.socklab.arena.PacketCodec;
import dev.socklab.framing.ByteSource;
import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.service.Connection;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;
import dev.socklab.websocket.CloseCodes;
import dev.socklab.websocket.Handshake;
import dev.socklab.websocket.Message;
import dev.socklab.websocket.MessageReader;
import dev.socklab.websocket.Role;

/**
 * {@code GET /arena/ws}: a browser player of the arena, over a WebSocket (RFC 6455), as the page at
 * {@code /arena} ({@link ArenaPageRoute}) opens it. The bridge knows nothing of the game: each
 * binary message is one arena packet, handed to the {@link Arena} as a UDP datagram is, and each
 * packet the arena sends back is one binary message ({@link WebSocketLink}); so the browser plays
 * in the same arena as the UDP players, handshake and all.
 *
 * <p>A text message is refused with 1003 and a message longer than a packet can be with 1009, and
 * the connection closes. When the WebSocket closes, however it does, the player leaves the arena
 * at once ({@link Arena#closed}). When the server stops, the arena says so to every player, and
 * each browser's WebSocket is closed with 1001.
 */
public final class ArenaSocketRoute implements Route {
    /** RFC 6455 §7.4.1: this end cannot take the type of data it got. */
    private static final int UNSUPPORTED_DATA = 1003;
    /**
     * Bytes that may wait to be sent to one browser: over a second of the largest snapshots at the
     * highest snapshot rate; past it the browser is disconnected, as a slow chat member is.
     */
    static final int SEND_QUEUE_BYTES = 64 * 1024;
    /** How long they may wait: a snapshot that old is of no use to a real-time game. */
    static final Duration MAX_LAG = Duration.ofSeconds(2);
    /** How long a browser that has been sent the close frame has to answer with its own. */
    private static final Duration CLOSING_WAIT = Duration.ofSeconds(2);

    private final Arena arena;
    private final Set<WebSocketLink> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Browser players of {@code arena}: the one the UDP arena service plays in, to share it. */
    public ArenaSocketRoute(Arena arena) {
        this.arena = arena;
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        String accept;
        try {
            accept = Handshake.accept(exchange.request());
        } catch (HttpException e) {
            exchange.respond(e.status(), Handshake.refusalFields(e.status()).with("Content-Type", "text/plain; charset=utf-8"),
                    (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        Connection conn = exchange.upgrade(Fields.of("Upgrade", "websocket", "Sec-WebSocket-Accept", accept));
        WebSocketLink link = new WebSocketLink(conn.peer(), conn.outbox(SEND_QUEUE_BYTES, MAX_LAG));
        open.add(link);
        try {
            if (stopping) {
                link.close(CloseCodes.GOING_AWAY, "server shutting down");
            }
            play(conn, link);
        } finally {
            open.remove(link);
            arena.closed(link);
        }
    }

    /** Hands each binary message to the arena until the WebSocket closes, from either end. */
    private void play(Connection conn, WebSocketLink link) throws IOException {
        MessageReader reader = new MessageReader(new Closing(conn, link), Role.SERVER, PacketCodec.MAX_PACKET);
        while (true) {
            Optional<Message> read = reader.read();
            if (read.isEmpty()) {
                return;
            }
            switch (read.get()) {
                case Message.Binary packet -> {
                    // Once the server has closed, what the browser still sends is read away, not played.
                    if (!link.closed()) {
                        arena.receive(packet.payload(), link, conn.log());
                    }
                }
                case Message.Text _ -> link.close(UNSUPPORTED_DATA, "binary messages only: one arena packet each");
                case Message.Ping ping -> link.pong(ping.payload());
                case Message.Pong _ -> {
                }
                case Message.Close close -> {
                    // The answer echoes the browser's code (RFC 6455 §5.5.1), unless the server has closed first.
                    link.close(close.code(), "");
                    return;
                }
                case Message.Invalid invalid -> {
                    conn.log().info("websocket closed with {}: {}", invalid.code(), invalid.reason());
                    link.close(invalid.code(), invalid.reason());
                    return;
                }
            }
        }
    }

    /** Tells every player the server is stopping ({@link Arena#stopping}), then closes each browser's WebSocket with 1001. */
    @Override
    public void stopping() {
        stopping = true;
        arena.stopping();
        for (WebSocketLink link : open) {
            link.close(CloseCodes.GOING_AWAY, "server shutting down");
        }
    }

    /**
     * The connection's bytes, each read bounded by the runtime's idle timeout; once the server's
     * close frame is out, the stream ends after {@link #CLOSING_WAIT} if the browser has not
     * answered it by then, so that the connection closes once both ends have said so.
     */
    private static final class Closing implements ByteSource {
        private final Connection conn;
        private final WebSocketLink link;
        /** When this reader first saw the close frame out, in nanoseconds; 0 before. */
        private long closedAt;

        Closing(Connection conn, WebSocketLink link) {
            this.conn = conn;
            this.link = link;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!link.closed()) {
                return conn.read(dst);
            }
            if (closedAt == 0) {
                closedAt = System.nanoTime();
            }
            while (true) {
                Duration left = CLOSING_WAIT.minusNanos(System.nanoTime() - closedAt);
                if (!left.isPositive()) {
                    return -1;
                }
                int n = conn.read(dst, left);
                if (n != 0) {
                    return n;
                }
            }
        }

        @Override
        public int read(ByteBuffer dst, Duration wait) throws IOException {
            return conn.read(dst, wait);
        }
    }
}
