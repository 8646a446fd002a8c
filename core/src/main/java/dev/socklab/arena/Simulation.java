package dev.socklab.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The authoritative arena: players, their positions, health and scores, advanced only by inputs and
 * by {@link #advance()}. Nothing in it reads a clock or a shared random source, so a seeded
 * {@code random} and the same inputs in the same order give the same states, tick for tick. Not
 * thread-safe: the server's tick thread alone drives it.
 */
public final class Simulation {
    /** Player ids are 16-bit on the wire; 0 means none. */
    static final int MAX_ID = 0xFFFF;

    private final int width;
    private final int height;
    private final RandomGenerator random;
    private final TreeMap<Integer, Player> players = new TreeMap<>();
    private long tick;
    private int lastId;

    /** One player's state and what the rules remember of it but snapshots do not carry. */
    private static final class Player {
        EntityState state;
        long lastShot = Long.MIN_VALUE / 2;
        long firedAt;

        Player(EntityState state) {
            this.state = state;
        }
    }

    /** An empty arena of {@code width} by {@code height} units, its spawn points drawn from {@code random}. */
    public Simulation(int width, int height, RandomGenerator random) {
        if (width < 1 || height < 1 || width > 0xFFFF || height > 0xFFFF) {
            throw new IllegalArgumentException("an arena is 1 to 65535 units each way, not " + width + " by " + height);
        }
        this.width = width;
        this.height = height;
        this.random = random;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The ticks completed so far. */
    public long tick() {
        return tick;
    }

    /** How many players are in the arena. */
    public int size() {
        return players.size();
    }

    /**
     * Adds a player called {@code name} at a random spot, with the next free id.
     *
     * @throws IllegalStateException if all 65,535 ids are taken
     */
    public EntityState join(String name) {
        if (players.size() >= MAX_ID) {
            throw new IllegalStateException("the arena holds at most " + MAX_ID + " players");
        }
        int id = lastId;
        do {
            id = id % MAX_ID + 1;
        } while (players.containsKey(id));
        lastId = id;
        EntityState state = new EntityState(id, random.nextInt(width), random.nextInt(height), 0, false,
                Physics.MAX_HEALTH, 0, name);
        players.put(id, new Player(state));
        return state;
    }

    /** Removes player {@code id}, if it is here. */
    public void leave(int id) {
        players.remove(id);
    }

    /** Player {@code id}'s state, if it is here. */
    public Optional<EntityState> player(int id) {
        Player player = players.get(id);
        return player == null ? Optional.empty() : Optional.of(player.state);
    }

    /** Every player's state, by id. */
    public List<EntityState> players() {
        List<EntityState> states = new ArrayList<>(players.size());
        for (Player player : players.values()) {
            states.add(player.state);
        }
        return states;
    }

    /**
     * Applies one input of player {@code id} in this tick: its move ({@link Physics#move}), then its
     * shot if it fires and its cooldown is over. A shot hits the nearest other player along its line
     * within range; a player it takes to no health respawns at a random spot at full health, and the
     * shooter scores. An input for a player not here is ignored.
     *
     * @throws IllegalArgumentException if {@code buttons} is no possible input
     */
    public void input(int id, int buttons) {
        if (!Buttons.isPossible(buttons)) {
            throw new IllegalArgumentException("impossible input 0x" + Integer.toHexString(buttons));
        }
        Player player = players.get(id);
        if (player == null) {
            return;
        }
        player.state = Physics.move(player.state, buttons, width, height);
        if ((buttons & Buttons.FIRE) != 0 && tick - player.lastShot >= Physics.COOLDOWN_TICKS) {
            player.lastShot = tick;
            player.firedAt = tick;
            EntityState s = player.state;
            player.state = new EntityState(s.id(), s.x(), s.y(), s.facing(), true, s.health(), s.score(), s.name());
            shoot(player);
        }
    }

    private void shoot(Player shooter) {
        Player target = null;
        long nearest = Long.MAX_VALUE;
        for (Player other : players.values()) {
            if (other == shooter) {
                continue;
            }
            long distance = Physics.hitDistance(shooter.state, other.state.x(), other.state.y());
            if (distance >= 0 && distance < nearest) {
                nearest = distance;
                target = other;
            }
        }
        if (target == null) {
            return;
        }
        EntityState t = target.state;
        int health = t.health() - Physics.DAMAGE;
        if (health > 0) {
            target.state = new EntityState(t.id(), t.x(), t.y(), t.facing(), t.fired(), health, t.score(), t.name());
            return;
        }
        target.state = new EntityState(t.id(), random.nextInt(width), random.nextInt(height), t.facing(), false,
                Physics.MAX_HEALTH, t.score(), t.name());
        EntityState s = shooter.state;
        shooter.state = new EntityState(s.id(), s.x(), s.y(), s.facing(), s.fired(), s.health(),
                Math.min(s.score() + 1, 0xFFFF), s.name());
    }

    /** Ends the tick: shots older than {@link Physics#FIRED_TICKS} stop showing. */
    public void advance() {
        tick++;
        for (Player player : players.values()) {
            EntityState s = player.state;
            if (s.fired() && tick - player.firedAt >= Physics.FIRED_TICKS) {
                player.state = new EntityState(s.id(), s.x(), s.y(), s.facing(), false, s.health(), s.score(), s.name());
            }
        }
    }
}
