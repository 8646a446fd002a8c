package dev.socklab.services.connect4;

import java.util.Locale;
import java.util.function.Function;

/** What a player's line asks for: a move, one of the commands, or text that is neither. */
sealed interface Command {
    /** The commands, as the lobby's greeting lists them. */
    String SUMMARY = "/play, /challenge NICK, /accept NICK, /decline NICK, /watch NICK, /who, /leave, /help, /quit";

    /** @param column 1 to 7 */
    record Move(int column) implements Command {
    }

    record Play() implements Command {
    }

    record Challenge(String nick) implements Command {
    }

    record Accept(String nick) implements Command {
    }

    record Decline(String nick) implements Command {
    }

    record Watch(String nick) implements Command {
    }

    record Leave() implements Command {
    }

    record Who() implements Command {
    }

    record Help() implements Command {
    }

    record Quit() implements Command {
    }

    /** A command used wrongly: {@code usage} says how it goes. */
    record Usage(String usage) implements Command {
    }

    record Unknown(String name) implements Command {
    }

    /** A line that is neither a command nor a column: before a nickname is taken, the nickname asked for. */
    record Text(String text) implements Command {
    }

    /** A line of blanks alone, which is ignored. */
    record Nothing() implements Command {
    }

    /**
     * Reads a line: {@code /name arguments} is a command (the name in any case, arguments separated
     * by spaces or tabs), a digit from 1 to 7 alone (blanks around it allowed) is a move, anything
     * else is text.
     */
    static Command parse(String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            return new Nothing();
        }
        if (text.length() == 1 && text.charAt(0) >= '1' && text.charAt(0) <= '0' + Board.COLUMNS) {
            return new Move(text.charAt(0) - '0');
        }
        if (!text.startsWith("/")) {
            return new Text(text);
        }
        String[] parts = text.substring(1).split("[ \t]+", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        return switch (name) {
            case "play" -> alone(rest, "/play", new Play());
            case "challenge" -> oneWord(rest, "/challenge NICK", Challenge::new);
            case "accept" -> oneWord(rest, "/accept NICK", Accept::new);
            case "decline" -> oneWord(rest, "/decline NICK", Decline::new);
            case "watch" -> oneWord(rest, "/watch NICK", Watch::new);
            case "leave" -> alone(rest, "/leave", new Leave());
            case "who" -> alone(rest, "/who", new Who());
            case "help" -> new Help();
            case "quit" -> new Quit();
            default -> new Unknown(parts[0]);
        };
    }

    private static Command alone(String rest, String usage, Command command) {
        return rest.isEmpty() ? command : new Usage(usage);
    }

    private static Command oneWord(String rest, String usage, Function<String, Command> make) {
        return rest.isEmpty() || rest.contains(" ") || rest.contains("\t") ? new Usage(usage) : make.apply(rest);
    }
}
