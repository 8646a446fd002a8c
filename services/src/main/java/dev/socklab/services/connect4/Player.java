package dev.socklab.services.connect4;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

import org.slf4j.MDC;

import dev.socklab.services.chat.Member;
import dev.socklab.services.chat.Nicknames;
import dev.socklab.trace.Preview;

/**
 * One connected player: its nickname and its outbox, as a chat member has them (a {@link Member},
 * whose lines stop once the server is stopping), and where it is: in the lobby, in a game, or
 * watching one. Where it is changes only under the lobby's lock; the nickname is set once, by the
 * player's own thread, under that lock too.
 */
final class Player {
    private final Member member;
    /** The logging context of its connection's thread (the connection's tag), for lines logged on its behalf elsewhere. */
    private final Map<String, String> logContext;
    /** The game it plays, or null. Guarded by the lobby's lock. */
    private Game game;
    /** The game it watches, or null. Guarded by the lobby's lock. */
    private Game watching;

    /** Made on its connection's thread, whose logging context it keeps. */
    Player(Member member) {
        this.member = member;
        this.logContext = Optional.ofNullable(MDC.getCopyOfContextMap()).orElse(Map.of());
    }

    /** Tags what the calling thread logs from now on as its connection's lines are: a game's clock logs for a player. */
    void logOnItsBehalf() {
        MDC.setContextMap(logContext);
    }

    /** Its nickname, or null before it has taken one. */
    String nick() {
        return member.nick();
    }

    void nick(String nick) {
        member.nick(nick);
    }

    /** Its nickname as a log line shows it: quoted and escaped, as the runtime shows what clients send. */
    String logged() {
        return named() ? Preview.of(nick(), 2 * Nicknames.MAX_LENGTH) : "a player with no nickname";
    }

    boolean named() {
        return member.nick() != null;
    }

    /** Queues {@code line}, never waiting. */
    void send(ByteBuffer line) {
        member.send(line);
    }

    void tell(String text) {
        send(Lines.of(text));
    }

    void error(String text) {
        send(Lines.error(text));
    }

    Game game() {
        return game;
    }

    void game(Game value) {
        game = value;
    }

    Game watching() {
        return watching;
    }

    void watching(Game value) {
        watching = value;
    }
}
