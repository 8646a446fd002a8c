package dev.socklab.services.chat;

import java.util.Locale;

/** What a member's line asks for: a message to the room, or one of the commands. */
sealed interface Command {
    /** The commands, as the welcome and {@code /help} list them. */
    String SUMMARY = "/nick NAME, /join ROOM, /leave, /rooms, /who, /msg NICK TEXT, /me ACTION, /help, /quit";

    record Say(String text) implements Command {
    }

    record Nick(String name) implements Command {
    }

    record Join(String room) implements Command {
    }

    record Leave() implements Command {
    }

    record Rooms() implements Command {
    }

    record Who() implements Command {
    }

    record Msg(String nick, String text) implements Command {
    }

    record Me(String action) implements Command {
    }

    record Help() implements Command {
    }

    /** @param reason what the member said in leaving, or empty */
    record Quit(String reason) implements Command {
    }

    /** A command used wrongly: {@code usage} says how it goes. */
    record Usage(String usage) implements Command {
    }

    record Unknown(String name) implements Command {
    }

    /** A line that would show nothing (empty, or blanks alone), which is ignored. */
    record Nothing() implements Command {
    }

    /**
     * Reads a line of text: {@code /name arguments} is a command (the name in any case), {@code //text}
     * says {@code /text}, anything else is said to the room. Arguments are separated by spaces or tabs.
     * What others will read (a message, an action, a private message, the reason for quitting) comes
     * as {@link MemberText#shown}; names come as typed, for their own checks.
     */
    static Command parse(String line) {
        if (!line.startsWith("/")) {
            return said(line);
        }
        if (line.startsWith("//")) {
            return said(line.substring(1));
        }
        String[] parts = line.substring(1).split("[ \t]+", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        return switch (name) {
            case "nick" -> oneWord(rest, "/nick NAME", Nick::new);
            case "join" -> oneWord(rest, "/join ROOM", Join::new);
            case "leave" -> rest.isEmpty() ? new Leave() : new Usage("/leave");
            case "rooms" -> rest.isEmpty() ? new Rooms() : new Usage("/rooms");
            case "who" -> rest.isEmpty() ? new Who() : new Usage("/who");
            case "help" -> new Help();
            case "quit" -> new Quit(MemberText.shown(rest));
            case "me" -> {
                String action = MemberText.shown(rest);
                yield action.isEmpty() ? new Usage("/me ACTION") : new Me(action);
            }
            case "msg" -> {
                String[] words = rest.split("[ \t]+", 2);
                String text = words.length < 2 ? "" : MemberText.shown(words[1]);
                yield text.isEmpty() ? new Usage("/msg NICK TEXT") : new Msg(words[0], text);
            }
            default -> new Unknown(parts[0]);
        };
    }

    /** A message to the room; nothing if it would show blank. */
    private static Command said(String text) {
        String shown = MemberText.shown(text);
        return shown.isEmpty() ? new Nothing() : new Say(shown);
    }

    private static Command oneWord(String rest, String usage, java.util.function.Function<String, Command> make) {
        return rest.isEmpty() || rest.contains(" ") || rest.contains("\t") ? new Usage(usage) : make.apply(rest);
    }
}
