package dev.socklab.services.http.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * WebSocket echo, RFC 6455, the http service's {@code /ws}: each text or binary message back as it
 * came (its fragments joined), each ping answered with a pong, and the closing handshake: the
 * client's close frame is echoed, code and reason, and the connection closes. A client's frame
 * must be masked, text must be UTF-8 and a message no longer than the limit, or the server closes
 * with 1002, 1007 or 1009 and says why in the close frame's reason.
 *
 * <p>An idle WebSocket is bounded by the service's idle timeout, as any read. When the server
 * stops ({@link #stopping}), each open WebSocket is sent a close with 1001 and ends when its
 * client answers, or at the end of the grace period.
 */
public final class WebSocketEcho implements Route {
    private final int maxMessage;
    private final Set<EchoSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /**
     * @param maxMessage the longest message echoed, its fragments together ({@code --ws-max-message},
     *     {@code HttpSettings.wsMaxMessage()})
     */
    public WebSocketEcho(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        Optional<String> accept = accept(exchange);
        if (accept.isEmpty()) {
            return;
        }
        // The service adds Connection: Upgrade to every 101.
        Connection conn = exchange.upgrade(Fields.of("Upgrade", "websocket", "Sec-WebSocket-Accept", accept.get()));
        EchoSession session = new EchoSession(conn);
        open.add(session);
        try {
            if (stopping) {
                session.close(CloseCodes.GOING_AWAY, "server stopping");
            }
            echo(conn, session);
        } finally {
            open.remove(session);
        }
    }

    /**
     * Tells every open WebSocket that the server is going away, a close with 1001 each, and returns
     * at once: each is sent from a thread of its own, so that a client that does not read holds up
     * no one.
     */
    public void stopping() {
        stopping = true;
        for (EchoSession session : open) {
            Thread.ofVirtual().name("ws going away").start(() -> {
                try {
                    session.close(CloseCodes.GOING_AWAY, "server stopping");
                } catch (IOException e) {
                    // The connection's own thread meets the same failure in its read and ends it.
                }
            });
        }
    }

    private void echo(Connection conn, EchoSession session) throws IOException {
        MessageReader reader = new MessageReader(conn, Role.SERVER, maxMessage);
        Optional<Message> next;
        while ((next = reader.read()).isPresent()) {
            Message message = next.get();
            session.echo(message);
            if (message instanceof Message.Invalid invalid) {
                conn.log().info("websocket closed with {}: {}", invalid.code(), invalid.reason());
            }
            if (message instanceof Message.Close || message instanceof Message.Invalid) {
                return;
            }
        }
    }

    /**
     * The {@code Sec-WebSocket-Accept} for the request, or empty once a refusal that needs fields
     * of its own (405, 426) is sent.
     */
    private static Optional<String> accept(Exchange exchange) throws IOException, HttpException {
        try {
            return Optional.of(Handshake.accept(exchange.request()));
        } catch (HttpException e) {
            Fields fields = Handshake.refusalFields(e.status());
            if (fields.size() == 0) {
                throw e;
            }
            exchange.respond(e.status(), fields.with("Content-Type", "text/plain; charset=utf-8"),
                    (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        }
    }
}
