package dev.socklab.client.arena;

import java.util.List;
import java.util.Optional;

import dev.socklab.arena.EntityState;

/**
 * What a client shows at one moment: the own player where the switches put it, the others where
 * they are drawn, and the status.
 *
 * @param self the own player, once a snapshot has shown it
 * @param others the other players in view, by increasing id
 * @param width the arena's width in units
 * @param height the arena's height in units
 * @param players the players in the arena, as the newest snapshot counts them
 * @param switches the switches in force
 * @param stats the traffic's figures
 * @param warning the text of the server's newest warning to this player, if any
 */
public record ArenaFrame(Optional<EntityState> self, List<EntityState> others, int width, int height, int players,
                         Switches switches, ArenaStats stats, Optional<String> warning) {
    public ArenaFrame {
        others = List.copyOf(others);
    }
}
