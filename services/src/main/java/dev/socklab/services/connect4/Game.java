package dev.socklab.services.connect4;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;

import org.slf4j.Logger;

import dev.socklab.text.Durations;

/**
 * One game between two players, and those who watch it: whose turn it is, the time left for the
 * move, and what everyone is told. X, the first player, moves first. Every method is called under
 * the lobby's lock, of which {@link #clock} is a condition: the game's clock thread waits on it
 * for the move's deadline, and is woken when the game ends.
 */
final class Game {
    private final long id;
    private final Player x;
    private final Player o;
    private final Duration moveTimeout;
    private final Condition clock;
    private final Logger log;
    private final Board board = new Board();
    private final Set<Player> spectators = new LinkedHashSet<>();
    private Disc turn = Disc.X;
    /** When the player to move loses, in {@link System#nanoTime()}. */
    private long deadline;
    private boolean over;

    Game(long id, Player x, Player o, Duration moveTimeout, Condition clock, Logger log) {
        this.id = id;
        this.x = x;
        this.o = o;
        this.moveTimeout = moveTimeout;
        this.clock = clock;
        this.log = log;
    }

    long id() {
        return id;
    }

    Logger log() {
        return log;
    }

    Condition clock() {
        return clock;
    }

    /** When the player to move loses, in {@link System#nanoTime()}. */
    long deadline() {
        return deadline;
    }

    boolean over() {
        return over;
    }

    int moves() {
        return board.moves();
    }

    /** Both players, X first. */
    List<Player> players() {
        return List.of(x, o);
    }

    Set<Player> spectators() {
        return spectators;
    }

    /** {@code alice (X) against bob (O)}. */
    String title() {
        return name(Disc.X) + " against " + name(Disc.O);
    }

    /** Tells both players and the spectators that the game is on, and starts the first move's time. */
    void begin(long now) {
        deadline = now + moveTimeout.toNanos();
        List<String> text = new ArrayList<>();
        text.add("game on: " + title() + "; " + x.nick() + " moves first. Type a column, 1 to 7, within "
                + Durations.format(moveTimeout) + " a move.");
        text.addAll(state());
        broadcast(Lines.of(text));
    }

    /**
     * Plays {@code player}'s disc into {@code column} if it is its turn and the column has room;
     * otherwise tells it why not, and the game goes on.
     *
     * @return the line that ends the game, if this move ends it (a four, or a full board)
     */
    Optional<String> move(Player player, int column, long now) {
        Player mover = player(turn);
        if (player != mover) {
            player.error("not your turn: " + name(turn) + " is to move.");
            return Optional.empty();
        }
        if (board.isFull(column)) {
            player.error("column " + column + " is full: pick another.");
            return Optional.empty();
        }
        Optional<Board.Direction> four = board.drop(column, turn);
        if (four.isPresent()) {
            broadcast(Lines.of(board.lines()));
            return Optional.of(mover.nick() + " wins: " + four.get().phrase() + ".");
        }
        if (board.isFull()) {
            broadcast(Lines.of(board.lines()));
            return Optional.of("draw: the board is full.");
        }
        turn = turn.other();
        deadline = now + moveTimeout.toNanos();
        broadcast(Lines.of(state()));
        return Optional.empty();
    }

    /** The line that ends the game when {@code loser} leaves it: {@code bob wins: alice WHY.} */
    String forfeit(Player loser, String why) {
        Player winner = loser == x ? o : x;
        return winner.nick() + " wins: " + loser.nick() + " " + why + ".";
    }

    /** The player whose turn it is. */
    Player toMove() {
        return player(turn);
    }

    /** The line that ends the game when the player to move runs out of time. */
    String timedOut() {
        return forfeit(toMove(), "took more than " + Durations.format(moveTimeout) + " over a move");
    }

    /** Ends the game: tells everyone {@code line} and wakes the clock, which then stops. */
    void end(String line) {
        over = true;
        broadcast(Lines.of(List.of(line, "back in the lobby: /play or /challenge NICK for another game.")));
        clock.signal();
    }

    /** Adds a spectator, unless there are {@code max} already, and shows it the game; whether it was added. */
    boolean watch(Player spectator, int max) {
        if (spectators.size() >= max) {
            return false;
        }
        spectators.add(spectator);
        List<String> text = new ArrayList<>();
        text.add("watching " + title() + " (" + board.moves() + " moves so far); /leave to stop.");
        text.addAll(state());
        spectator.send(Lines.of(text));
        return true;
    }

    /** {@code alice (X) against bob (O), 5 moves, 2 watching}, as {@code /who} lists it. */
    String summary() {
        return title() + ", " + board.moves() + " moves, " + spectators.size() + " watching";
    }

    /** The board, then whose turn it is. */
    private List<String> state() {
        List<String> lines = new ArrayList<>(board.lines());
        lines.add(name(turn) + " to move.");
        return lines;
    }

    private Player player(Disc disc) {
        return disc == Disc.X ? x : o;
    }

    /** {@code alice (X)}. */
    private String name(Disc disc) {
        return player(disc).nick() + " (" + disc + ")";
    }

    private void broadcast(ByteBuffer lines) {
        x.send(lines);
        o.send(lines);
        spectators.forEach(s -> s.send(lines));
    }
}
