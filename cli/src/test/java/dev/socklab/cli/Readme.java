package dev.socklab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README.md as its tests read it: the fenced blocks, each with the section it is under, the
 * commands they show ({@code $ ./socklab hello}) with the output printed under each, and the
 * {@code socklab ...} commands in its tables. Read from the repository root, as a user reads it.
 */
final class Readme {
    private static final Pattern HEADING = Pattern.compile("#{2,3} (.+)");
    private static final Pattern TABLE_COMMAND = Pattern.compile("\\| `socklab ([^`]+)` \\|");
    /** A timestamp as socklab prints it at the start of a log or trace line: {@code 10:26:56.135 }. */
    private static final Pattern TIMESTAMP = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");
    /** A duration as the connection log writes it: {@code 3 ms}, {@code 248 us}, {@code 0.083 s}. */
    private static final Pattern DURATION = Pattern.compile("\\b\\d+(\\.\\d+)? (ms|us|s)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** One fenced block: the {@code ##} or {@code ###} heading it is under, and its lines. */
    record Block(String section, List<String> lines) {
        /**
         * What the block shows {@code command} printing: the lines after {@code $ command} up to the
         * next {@code $ } line, without the blank lines that separate one command from the next, or
         * every line to the block's end when it is the last command (where a blank line is output).
         */
        List<String> outputOf(String command) {
            int at = lines.indexOf("$ " + command);
            if (at < 0) {
                throw new AssertionError("no '$ " + command + "' in the block: " + lines);
            }
            int end = at + 1;
            while (end < lines.size() && !lines.get(end).startsWith("$ ")) {
                end++;
            }
            List<String> output = new ArrayList<>(lines.subList(at + 1, end));
            if (end < lines.size()) {
                while (!output.isEmpty() && output.getLast().isEmpty()) {
                    output.removeLast();
                }
            }
            return output;
        }
    }

    private final List<String> lines;
    private final List<Block> blocks;

    private Readme(List<String> lines) {
        this.lines = lines;
        this.blocks = blocks(lines);
    }

    /** README.md at the repository root. */
    static Readme load() {
        try {
            return new Readme(Files.readAllLines(Launched.ROOT.resolve("README.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Block> blocks() {
        return blocks;
    }

    /** The block that shows {@code $ command}; there must be one. */
    Block blockWith(String command) {
        return blocks.stream().filter(b -> b.lines().contains("$ " + command)).findFirst()
                .orElseThrow(() -> new AssertionError("README.md shows no '$ " + command + "'"));
    }

    /** The block whose first line is {@code first}; there must be one. */
    Block blockStartingWith(String first) {
        return blocks.stream().filter(b -> !b.lines().isEmpty() && b.lines().getFirst().equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no block starting '" + first + "'"));
    }

    /** The text of the {@code ##} section named {@code heading}, prose and blocks, up to the next {@code ##}. */
    String section(String heading) {
        int start = lines.indexOf("## " + heading);
        if (start < 0) {
            throw new AssertionError("README.md has no section '## " + heading + "'");
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return String.join("\n", lines.subList(start, end));
    }

    /**
     * Every socklab command line the README shows, as the arguments after {@code socklab}: the
     * {@code $ ./socklab ...} lines of its blocks (after any pipe into it, before any {@code #}
     * comment), each with the output shown under it, and the {@code socklab ...} of its tables.
     */
    List<Example> socklabCommands() {
        List<Example> commands = new ArrayList<>();
        for (Block block : blocks) {
            for (String line : block.lines()) {
                int at = line.indexOf("./socklab ");
                if (line.startsWith("$ ") && at >= 0) {
                    String text = line.substring(at + "./socklab ".length()).replaceFirst("\\s+#.*$", "");
                    commands.add(new Example(words(text), block.outputOf(line.substring(2))));
                }
            }
        }
        for (String line : lines) {
            Matcher m = TABLE_COMMAND.matcher(line);
            if (m.find()) {
                commands.add(new Example(words(m.group(1)), List.of()));
            }
        }
        return commands;
    }

    /**
     * A command the README shows, and what it shows it printing.
     *
     * @param args the arguments after {@code socklab}
     * @param output the lines shown under it; none for a command in a table
     */
    record Example(List<String> args, List<String> output) {
        /** Whether the README shows it failing: its output is socklab's one-sentence error. */
        boolean showsAnError() {
            return !output.isEmpty() && output.getFirst().startsWith("socklab: ");
        }
    }

    /**
     * A line with what changes from run to run made neutral, so that the README's example and a
     * real run compare: the timestamp goes, a duration becomes {@code D}, every other number {@code N}.
     */
    static String shape(String line) {
        String text = TIMESTAMP.matcher(line).replaceFirst("");
        text = DURATION.matcher(text).replaceAll("D");
        return NUMBER.matcher(text).replaceAll("N");
    }

    /** A shell command's words, as {@code sh} splits them: on blanks, with single quotes kept together. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(text);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String section = "";
        List<String> open = null;
        for (String line : lines) {
            if (open != null) {
                if (line.startsWith("```")) {
                    blocks.add(new Block(section, List.copyOf(open)));
                    open = null;
                } else {
                    open.add(line);
                }
            } else if (line.startsWith("```")) {
                open = new ArrayList<>();
            } else {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    section = heading.group(1);
                }
            }
        }
        return blocks;
    }
}
