package dev.socklab.services.chat;

import java.io.IOException;

/**
 * Where a member's lines come from, whatever carries them: the bytes of a telnet or {@code nc}
 * connection ({@link ChatInput}), or a browser's WebSocket messages. The member's conversation is
 * the same over either.
 */
@FunctionalInterface
public interface InputSource {
    /** The next line, waiting for it as long as the idle timeout allows; {@link Input.End} once the member has gone. */
    Input next() throws IOException;
}
