package dev.socklab.services.connect4;

import java.util.List;

/** What {@code /help} says. */
final class Help {
    static final List<String> LINES = List.of(
            "/play             play the next player who sends /play (whoever waited plays first)",
            "/challenge NICK   ask NICK for a game, which NICK may /accept or /decline",
            "/accept NICK      play NICK, who challenged you (NICK plays first)",
            "/decline NICK     refuse NICK's challenge",
            "/watch NICK       watch NICK's game",
            "/who              list the players and the games",
            "/leave            stop waiting, stop watching, or give up your game",
            "/quit             leave the server",
            "in a game, a column number from 1 to 7 alone on a line drops your disc into it.");

    private Help() {
    }
}
