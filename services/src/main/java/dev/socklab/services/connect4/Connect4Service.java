package dev.socklab.services.connect4;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;

import dev.socklab.service.Connection;
import dev.socklab.service.Gauge;
import dev.socklab.service.Gauges;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;
import dev.socklab.services.chat.ChatInput;
import dev.socklab.services.chat.Delivery;
import dev.socklab.services.chat.FloodControl;
import dev.socklab.services.chat.Input;
import dev.socklab.services.chat.InputSource;
import dev.socklab.services.chat.Member;
import dev.socklab.services.chat.Nicknames;
import dev.socklab.text.Visible;

/**
 * Connect four for two players, over telnet or {@code nc} (the protocol is in docs/services.md): a
 * player takes a nickname, then meets another in the lobby, by {@code /play} or by a challenge,
 * and plays a column number a line. Each player's thread reads its lines and acts on them; what
 * the others do reaches it through its outbox, as in the chat, whose line reading, nickname rules
 * and flood control it shares.
 */
public final class Connect4Service implements StreamService, Gauges, Reloadable {
    /** What may wait to be sent to one player: a board is under 200 bytes, so this is hundreds of them. */
    static final int SEND_QUEUE_BYTES = 64 * 1024;
    /** How long bytes may wait to be sent to a player before it is disconnected. */
    static final Duration MAX_LAG = Duration.ofSeconds(30);

    /** Swapped whole by a reload, with the lobby's; each use reads it once. */
    private volatile Connect4Settings settings;
    private final Lobby lobby;
    /** Closed once the server stops: its notice is then every player's last line. */
    private final Delivery delivery = new Delivery();

    public Connect4Service(Connect4Settings settings) {
        this.settings = settings;
        this.lobby = new Lobby(settings);
    }

    /**
     * Takes the limits anew: players, games, spectators, the challenge and move timeouts (of games
     * begun from then on) and the flood limits (for the players connected too) at once; for the
     * players connected too, the line length from each one's next line, and the idle timeout from its
     * next read, which the runtime sets ({@link #idleTimeout}).
     */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        Connect4Settings next = fresh.connect4();
        return new ServiceReload(ServiceReload.changes("connect4", settings, next,
                new ServiceReload.Setting<>("--connect4-move-timeout", Connect4Settings::moveTimeout),
                new ServiceReload.Setting<>("--connect4-challenge-timeout", Connect4Settings::challengeTimeout),
                new ServiceReload.Setting<>("--connect4-max-players", Connect4Settings::maxPlayers),
                new ServiceReload.Setting<>("--connect4-max-games", Connect4Settings::maxGames),
                new ServiceReload.Setting<>("--connect4-max-spectators", Connect4Settings::maxSpectators),
                new ServiceReload.Setting<>("--connect4-max-line", Connect4Settings::maxLineBytes),
                new ServiceReload.Setting<>("--connect4-rate", Connect4Settings::rate),
                new ServiceReload.Setting<>("--connect4-burst", Connect4Settings::burst),
                new ServiceReload.Setting<>("--connect4-idle-timeout", Connect4Settings::idleTimeout)),
                () -> {
                    settings = next;
                    lobby.settings(next);
                });
    }

    @Override
    public List<Gauge> gauges() {
        return List.of(new Gauge("connect4_players", "Connect four players connected now, in a game or not.", lobby::players),
                new Gauge("connect4_games", "Connect four games being played now.", lobby::games));
    }

    @Override
    public void serve(Connection conn) throws IOException {
        Player me = new Player(new Member(conn.outbox(SEND_QUEUE_BYTES, MAX_LAG), delivery, null));
        if (!lobby.admit()) {
            me.error("disconnected: the lobby is full (" + settings.maxPlayers() + " players): try again later.");
            return;
        }
        // Why the player left, as its opponent is told; a connection that failed under it is "disconnected".
        String departure = "disconnected";
        try {
            departure = converse(me, new ChatInput(conn, () -> settings.maxLineBytes()), conn.log());
        } finally {
            lobby.depart(me, departure);
        }
    }

    /** Players mostly wait: for an opponent, for a move, or watching. */
    @Override
    public Optional<Duration> idleTimeout() {
        return Optional.of(settings.idleTimeout());
    }

    /** A player's nickname may come a while after it connects: a person reading the welcome. */
    @Override
    public boolean firstRequestDeadlineApplies() {
        return false;
    }

    @Override
    public Optional<String> refusalLine(String reason) {
        return Optional.of(Lines.errorText("disconnected: " + reason));
    }

    /** Players stay until they leave: a stopping server tells them why it closes, as their last line. */
    @Override
    public Optional<String> stopping() {
        lobby.stop();
        delivery.close();
        return Optional.of(Lines.errorText("server shutting down"));
    }

    /** Reads {@code me}'s lines and acts on them until it leaves; returns how its opponent hears of it. */
    private String converse(Player me, InputSource input, Logger log) throws IOException {
        me.send(Lines.of(List.of("welcome to socklab connect four.",
                "your nickname? (1 to " + Nicknames.MAX_LENGTH + " characters, no spaces)")));
        Connect4Settings limits = settings;
        FloodControl flood = new FloodControl(limits.rate(), limits.burst(), System.nanoTime());
        while (true) {
            Input in = input.next();
            Connect4Settings now = settings;
            if (now.rate() != limits.rate() || now.burst() != limits.burst()) {
                // A reload changed the flood limits: this player is held to the new ones from its next line.
                flood = new FloodControl(now.rate(), now.burst(), System.nanoTime());
            }
            limits = now;
            String departure = switch (in) {
                case Input.End end -> "disconnected";
                case Input.TooLong tooLong -> ignore(me, "line too long (at most " + tooLong.limit() + " bytes): ignored.");
                case Input.NotUtf8 notUtf8 -> ignore(me, "not UTF-8: ignored.");
                case Input.ControlCharacters control -> ignore(me, "control characters are not allowed: ignored.");
                case Input.LongSubnegotiation cut -> ignore(me, "telnet subnegotiation (IAC SB) not ended within "
                        + cut.limit() + " bytes: dropped, with the rest of its line.");
                case Input.Text text -> switch (flood.check(text.text(), System.nanoTime())) {
                    case PASS -> act(me, Command.parse(text.text()), log);
                    case WARN -> ignore(me, "slow down: at most " + limits.rate() + " lines a second.");
                    case DISCONNECT -> {
                        me.error("disconnected: flooding");
                        log.info("{} disconnected for flooding", me.logged());
                        yield "was disconnected for flooding";
                    }
                };
            };
            if (departure != null) {
                return departure;
            }
        }
    }

    /** Does what {@code command} asks; returns why the player leaves, or null while it stays. */
    private String act(Player me, Command command, Logger log) {
        if (!me.named()) {
            return beforeNickname(me, command);
        }
        long now = System.nanoTime();
        switch (command) {
            case Command.Nothing nothing -> {
            }
            case Command.Move move -> lobby.move(me, move.column(), now);
            case Command.Text text -> lobby.misunderstood(me, text.text());
            case Command.Play play -> lobby.play(me, log);
            case Command.Challenge challenge -> lobby.challenge(me, challenge.nick(), now);
            case Command.Accept accept -> lobby.accept(me, accept.nick(), now, log);
            case Command.Decline decline -> lobby.decline(me, decline.nick(), now);
            case Command.Watch watch -> lobby.watch(me, watch.nick());
            case Command.Leave leave -> lobby.leave(me);
            case Command.Who who -> lobby.who(me);
            case Command.Help help -> me.send(Lines.of(Help.LINES));
            case Command.Quit quit -> {
                me.tell("bye.");
                return "quit";
            }
            case Command.Usage usage -> me.error("usage: " + usage.usage());
            case Command.Unknown unknown -> me.error("unknown command /" + Visible.of(unknown.name())
                    + ": /help lists the commands.");
        }
        return null;
    }

    /** Before a nickname: a line is the nickname asked for, and of the commands only /help and /quit work. */
    private String beforeNickname(Player me, Command command) {
        switch (command) {
            case Command.Text text -> {
                if (lobby.name(me, text.text())) {
                    me.tell("hello " + me.nick() + ". Commands: " + Command.SUMMARY + ".");
                }
            }
            case Command.Quit quit -> {
                me.tell("bye.");
                return "quit";
            }
            case Command.Help help -> me.send(Lines.of(Help.LINES));
            case Command.Move move -> me.error("a digit alone cannot be a nickname: try another.");
            case Command.Nothing nothing -> {
            }
            default -> me.error("choose a nickname first: type it alone on a line.");
        }
        return null;
    }

    private static String ignore(Player me, String why) {
        me.error(why);
        return null;
    }
}
