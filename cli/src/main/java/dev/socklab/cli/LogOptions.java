package dev.socklab.cli;

import picocli.CommandLine.Option;

/** {@code serve}'s log options: how each line is written, and the least level written. */
final class LogOptions {
    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "How each log line is written: text (the time, the level unless INFO, the connection, the"
                    + " message) or json (one JSON object a line: time, level, logger, connection, message,"
                    + " exception). Default: ${DEFAULT-VALUE}.")
    String format = "text";

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "The least level logged: trace, debug, info, warn or error; at warn, no line per connection"
                    + " (default: ${DEFAULT-VALUE}).")
    String level = "info";

    /** Checks both and applies them, before the server logs its first line. */
    void apply() {
        LogSettings.format(format);
        LogSettings.level(level);
    }
}
