package dev.socklab.services.arena;

import dev.socklab.text.Visible;

/**
 * Which nicknames a player may take: 1 to 16 UTF-8 bytes (the codec holds that), none of them a
 * blank, a control, or a character that draws as nothing or reorders the text around it, so that
 * every player's name shows as something on every screen. Names need not be unique: the player id
 * tells players apart.
 */
final class ArenaNames {
    private ArenaNames() {
    }

    /** Whether {@code name} may be a player's name. */
    static boolean isAcceptable(String name) {
        return !name.isEmpty() && name.codePoints()
                .noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Visible.isHidden(c));
    }
}
