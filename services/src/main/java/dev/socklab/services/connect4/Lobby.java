package dev.socklab.services.connect4;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.slf4j.Logger;

import dev.socklab.services.chat.Nicknames;
import dev.socklab.text.Durations;
import dev.socklab.text.Visible;

/**
 * Everyone connected, and everything between them: nicknames, the player waiting for a
 * {@code /play}, the challenges, the games and who watches them. One lock guards it all, so every
 * player sees one order of events; it is held for microseconds, as telling a player is queueing
 * to its outbox, which never waits. Each game has a clock thread of its own, which ends the game
 * when the player to move runs out of time.
 */
final class Lobby {
    /** Swapped whole by a reload; each use reads it once. */
    private volatile Connect4Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Challenges challenges;
    /** Players who have taken a nickname, by its {@link Nicknames#key}. */
    private final Map<String, Player> named = new TreeMap<>();
    private final Set<Game> games = new LinkedHashSet<>();
    /** Connections, named or not. */
    private int connected;
    /** The player who sent {@code /play} and waits for another, or null. */
    private Player waiting;
    private long lastGameId;
    private boolean stopping;

    /** Holds the games and players made from now on to {@code next}; games under way keep their move timeout. */
    void settings(Connect4Settings next) {
        settings = next;
        challenges.lifetime(next.challengeTimeout().toNanos());
    }

    Lobby(Connect4Settings settings) {
        this.settings = settings;
        this.challenges = new Challenges(settings.challengeTimeout().toNanos());
    }

    /** Counts a new connection in, unless there are as many as the limit; whether it was. */
    boolean admit() {
        lock.lock();
        try {
            if (connected >= settings.maxPlayers()) {
                return false;
            }
            connected++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code player} out of everything: its game is lost ({@code bob wins: alice WHY.}), its
     * challenges and its wait end, its nickname is free.
     */
    void depart(Player player, String why) {
        lock.lock();
        try {
            connected--;
            if (!player.named()) {
                return;
            }
            named.remove(Nicknames.key(player.nick()), player);
            Game game = player.game();
            if (game != null) {
                finish(game, stopping ? "stopped with the server." : game.forfeit(player, why));
            }
            stopWatching(player);
            challenges.dropAll(player);
            if (waiting == player) {
                waiting = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives {@code player} the nickname {@code nick}, unless it cannot be one or is taken: then says why. */
    boolean name(Player player, String nick) {
        Optional<String> problem = Nicknames.problem(nick);
        if (problem.isPresent()) {
            player.error(problem.get() + ": try another.");
            return false;
        }
        lock.lock();
        try {
            if (named.putIfAbsent(Nicknames.key(nick), player) != null) {
                player.error("nickname taken: " + nick + ". Try another.");
                return false;
            }
            player.nick(nick);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Pairs {@code player} with the one who waits, who plays first; or makes it the one who waits. */
    void play(Player player, Logger log) {
        lock.lock();
        try {
            if (inGame(player)) {
                return;
            }
            if (waiting == player) {
                player.error("you are waiting already: /leave to stop.");
            } else if (waiting == null) {
                stopWatching(player);
                waiting = player;
                player.tell("waiting for another player to send /play; /leave to stop.");
            } else if (roomForAGame(player)) {
                stopWatching(player);
                start(waiting, player, log);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks {@code nick} for a game: it is told how to accept or decline. */
    void challenge(Player player, String nick, long now) {
        lock.lock();
        try {
            Optional<Player> found = find(player, nick);
            if (found.isEmpty() || inGame(player)) {
                return;
            }
            Player other = found.get();
            if (other == player) {
                player.error("you cannot challenge yourself: /play to meet someone.");
            } else if (other.game() != null) {
                player.error(other.nick() + " is playing: /watch " + other.nick() + ", or challenge them later.");
            } else {
                String lifetime = Durations.format(settings.challengeTimeout());
                challenges.put(player, other, now);
                other.tell(player.nick() + " challenges you to a game: /accept " + player.nick() + " to play, /decline "
                        + player.nick() + " to refuse (within " + lifetime + ").");
                player.tell("challenge sent to " + other.nick() + "; it stands for " + lifetime + ".");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts the game {@code nick} challenged {@code player} to, if that challenge stands; {@code nick} plays first. */
    void accept(Player player, String nick, long now, Logger log) {
        lock.lock();
        try {
            Optional<Player> found = find(player, nick);
            if (found.isEmpty() || inGame(player)) {
                return;
            }
            Player challenger = found.get();
            if (!challenges.take(challenger, player, now)) {
                player.error("no challenge from " + challenger.nick() + " stands (a challenge lasts "
                        + Durations.format(settings.challengeTimeout()) + ").");
            } else if (roomForAGame(player)) {
                stopWatching(player);
                stopWatching(challenger);
                start(challenger, player, log);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Refuses the challenge {@code nick} made, telling it so. */
    void decline(Player player, String nick, long now) {
        lock.lock();
        try {
            Optional<Player> found = find(player, nick);
            if (found.isEmpty()) {
                return;
            }
            Player challenger = found.get();
            if (challenges.take(challenger, player, now)) {
                challenger.tell(player.nick() + " declined your challenge.");
                player.tell("you declined " + challenger.nick() + "'s challenge.");
            } else {
                player.error("no challenge from " + challenger.nick() + " stands.");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code player} a spectator of the game {@code nick} plays. */
    void watch(Player player, String nick) {
        lock.lock();
        try {
            Optional<Player> found = find(player, nick);
            if (found.isEmpty() || inGame(player)) {
                return;
            }
            Game game = found.get().game();
            if (game == null) {
                player.error(found.get().nick() + " is in no game: /who lists the games.");
            } else if (game == player.watching()) {
                player.error("you are watching that game already.");
            } else {
                stopWatching(player);
                if (waiting == player) {
                    waiting = null;
                }
                if (game.watch(player, settings.maxSpectators())) {
                    player.watching(game);
                } else {
                    player.error(game.title() + " has as many spectators as it may (" + settings.maxSpectators()
                            + "): try again later.");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Back to the lobby: gives up a game, stops watching, or stops waiting. */
    void leave(Player player) {
        lock.lock();
        try {
            if (player.game() != null) {
                finish(player.game(), player.game().forfeit(player, "left the game"));
            } else if (player.watching() != null) {
                stopWatching(player);
                player.tell("you stopped watching; back in the lobby.");
            } else if (waiting == player) {
                waiting = null;
                player.tell("you stopped waiting; back in the lobby.");
            } else {
                player.error("you are in the lobby already.");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Plays {@code column} for {@code player}, who must be in a game and on turn. */
    void move(Player player, int column, long now) {
        lock.lock();
        try {
            Game game = player.game();
            if (game == null) {
                player.error("you are in no game: /play or /challenge NICK to start one.");
                return;
            }
            game.move(player, column, now).ifPresent(end -> finish(game, end));
        } finally {
            lock.unlock();
        }
    }

    /** Says why {@code text} does nothing where {@code player} is. */
    void misunderstood(Player player, String text) {
        lock.lock();
        try {
            if (player.game() != null) {
                player.error("'" + Visible.of(text) + "' is not a column: type a number from 1 to " + Board.COLUMNS
                        + ".");
            } else {
                player.error("'" + Visible.of(text) + "' is not a command: /help lists them.");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Players connected now, named or not yet. */
    int players() {
        lock.lock();
        try {
            return connected;
        } finally {
            lock.unlock();
        }
    }

    /** Games being played now. */
    int games() {
        lock.lock();
        try {
            return games.size();
        } finally {
            lock.unlock();
        }
    }

    /** The players, the games, and who waits, for {@code /who}. */
    void who(Player player) {
        lock.lock();
        try {
            List<String> text = new ArrayList<>();
            text.add("players (" + named.size() + "): " + named.values().stream().map(Player::nick)
                    .collect(Collectors.joining(", ")));
            text.add("games (" + games.size() + ")" + (games.isEmpty() ? "" : ": "
                    + games.stream().map(Game::summary).collect(Collectors.joining("; "))));
            text.add(waiting == null ? "nobody waits for /play." : waiting.nick() + " waits for /play.");
            player.send(Lines.of(text));
        } finally {
            lock.unlock();
        }
    }

    /** From now on the games end without a word: the server is stopping, and players get its notice alone. */
    void stop() {
        lock.lock();
        try {
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /** Holding the lock. */
    private void start(Player first, Player second, Logger log) {
        challenges.dropAll(first);
        challenges.dropAll(second);
        if (waiting == first || waiting == second) {
            waiting = null;
        }
        Game game = new Game(++lastGameId, first, second, settings.moveTimeout(), lock.newCondition(), log);
        games.add(game);
        first.game(game);
        second.game(game);
        game.begin(System.nanoTime());
        log.info("game {} started: {} (X) against {} (O)", game.id(), first.logged(), second.logged());
        Thread.ofVirtual().name("connect4 game " + game.id() + " clock").start(() -> keepTime(game));
    }

    /** Holding the lock: tells everyone in {@code game} {@code line}, and sends them back to the lobby. */
    private void finish(Game game, String line) {
        game.end(line);
        games.remove(game);
        game.players().forEach(p -> p.game(null));
        game.spectators().forEach(s -> s.watching(null));
        List<Player> players = game.players();
        game.log().info("game {} ended after {} moves: {} ({} against {})", game.id(), game.moves(), line,
                players.getFirst().logged(), players.getLast().logged());
    }

    /** The clock thread: ends {@code game} when the player to move runs out of time, unless it ends first. */
    private void keepTime(Game game) {
        lock.lock();
        try {
            while (!game.over()) {
                long left = game.deadline() - System.nanoTime();
                if (left <= 0) {
                    // The clock's thread is no connection's: the game's end is logged as the late player's.
                    game.toMove().logOnItsBehalf();
                    finish(game, game.timedOut());
                    return;
                }
                game.clock().awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it: a game's clock stops when the game ends
        } finally {
            lock.unlock();
        }
    }

    /** Holding the lock: whether another game may start; if not, tells {@code player} so. */
    private boolean roomForAGame(Player player) {
        if (games.size() < settings.maxGames()) {
            return true;
        }
        player.error("no room for another game (at most " + settings.maxGames() + " at once): try again soon.");
        return false;
    }

    /** Holding the lock: whether {@code player} is in a game, and told so. */
    private boolean inGame(Player player) {
        if (player.game() == null) {
            return false;
        }
        player.error("you are in a game: finish it, or /leave to give it up.");
        return true;
    }

    /** Holding the lock: the player called {@code nick}; if there is none, tells {@code asker} so. */
    private Optional<Player> find(Player asker, String nick) {
        Player found = named.get(Nicknames.key(nick));
        if (found == null) {
            asker.error("no player is called " + Visible.of(nick) + ": /who lists them.");
        }
        return Optional.ofNullable(found);
    }

    /** Holding the lock. */
    private static void stopWatching(Player player) {
        Game watched = player.watching();
        if (watched != null) {
            watched.spectators().remove(player);
            player.watching(null);
        }
    }
}
