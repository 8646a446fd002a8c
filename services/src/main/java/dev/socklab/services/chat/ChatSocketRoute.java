package dev.socklab.services.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.service.Connection;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;
import dev.socklab.websocket.CloseCodes;
import dev.socklab.websocket.Handshake;

/**
 * {@code GET /chat/ws}: a browser member of the chat, over a WebSocket (RFC 6455), as the page at
 * {@code /chat} ({@link ChatPageRoute}) opens it. It joins the same {@link ChatService} as the
 * {@code nc} members, and its conversation is theirs ({@link ChatService#converse}): commands,
 * nicknames, rooms, history, flood control, and its outbox's bounds for a browser that falls
 * behind. Each text message it sends is a line ({@link WebSocketInput}); each line it gets is a
 * text frame ({@link WebSocketOutbox}).
 *
 * <p>It ends with a close frame: the member's own, answered; 1000 when the member quits, 1008 when
 * it floods, each with that reason; and, when the server stops, the stop notice as its last line,
 * then 1001.
 */
public final class ChatSocketRoute implements Route {
    /** RFC 6455 §7.4.1: a message broke the endpoint's policy. */
    private static final int POLICY_VIOLATION = 1008;
    /**
     * How long a member's connection may carry nothing before it is pinged, and then how long it has to
     * answer: what keeps a connection through a NAT or a proxy, and finds a browser that is gone.
     */
    private static final Duration PING_EVERY = Duration.ofSeconds(15);

    private final ChatService chat;
    private final Duration pingEvery;

    /** Browser members of {@code chat}: the instance that serves the {@code chat} service's members, to share its rooms. */
    public ChatSocketRoute(ChatService chat) {
        this(chat, PING_EVERY);
    }

    /** As {@link #ChatSocketRoute(ChatService)}, pinging after {@code pingEvery}: for tests that cannot wait 15 s. */
    ChatSocketRoute(ChatService chat, Duration pingEvery) {
        this.chat = chat;
        this.pingEvery = pingEvery;
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
        ChatSettings settings = chat.settings();
        WebSocketOutbox outbox = new WebSocketOutbox(conn.outbox(settings.sendQueueBytes(), settings.maxLag()));
        WebSocketInput input = new WebSocketInput(conn, outbox, chat::settings, pingEvery);
        Consumer<String> stop = notice -> outbox.close(notice, CloseCodes.GOING_AWAY, "server shutting down");
        chat.stopNotices().add(stop);
        try {
            String departure = chat.converse(input, outbox, conn.log());
            outbox.close("", departure.equals("flooding") ? POLICY_VIOLATION : CloseCodes.NORMAL, departure);
            input.awaitClose();
        } finally {
            chat.stopNotices().remove(stop);
        }
    }

    /** Tells the browser members that the server is stopping, the chat's other members too: {@link ChatService#stopping}. */
    @Override
    public void stopping() {
        chat.stopping();
    }
}
