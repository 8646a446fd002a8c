package dev.socklab.services.http.websocket;

import java.io.IOException;

import dev.socklab.service.Connection;
import dev.socklab.websocket.FrameWriter;
import dev.socklab.websocket.Message;
import dev.socklab.websocket.Role;

/**
 * What one echo connection sends: from its own thread, the echoes and its close; from the stopping
 * server's, once, a close of its own. The two take turns, and nothing follows a close frame
 * (RFC 6455 §5.5.1).
 */
final class EchoSession {
    private final FrameWriter writer;
    private boolean closeSent;

    EchoSession(Connection conn) {
        this.writer = new FrameWriter(Role.SERVER, conn::write);
    }

    /** Sends {@code message} back as it came, a ping as a pong; a pong needs no answer. */
    synchronized void echo(Message message) throws IOException {
        if (closeSent) {
            return;
        }
        switch (message) {
            case Message.Text text -> writer.text(text.text());
            case Message.Binary binary -> writer.binary(binary.payload());
            case Message.Ping ping -> writer.pong(ping.payload());
            case Message.Pong _ -> { }
            case Message.Close close -> close(close.code(), close.reason());
            case Message.Invalid invalid -> close(invalid.code(), invalid.reason());
        }
    }

    /** Sends a close frame, unless one has gone already. */
    synchronized void close(int code, String reason) throws IOException {
        if (closeSent) {
            return;
        }
        closeSent = true;
        writer.close(code, reason);
    }
}
