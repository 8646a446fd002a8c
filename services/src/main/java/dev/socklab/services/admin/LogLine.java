package dev.socklab.services.admin;

import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of the server's log, as {@code --log-format json} writes it and the status page shows
 * it: the fields of the text line, each its own.
 *
 * @param time when it was logged
 * @param level {@code INFO}, {@code WARN}, ...
 * @param logger the logger's name, as {@code socklab.connection}
 * @param connection the tag of the connection it was logged for, as {@code http#4}; empty outside one
 * @param message the message, its arguments in place
 * @param exception the stack trace of the exception logged with it, if any
 */
public record LogLine(Instant time, String level, String logger, Optional<String> connection, String message,
                     Optional<String> exception) {
    /** The line as one JSON object, without the fields it lacks: time, level, logger, connection, message, exception. */
    public ObjectNode json() {
        ObjectNode line = JsonNodeFactory.instance.objectNode()
                .put("time", time.toString())
                .put("level", level)
                .put("logger", logger);
        connection.ifPresent(tag -> line.put("connection", tag));
        line.put("message", message);
        exception.ifPresent(trace -> line.put("exception", trace));
        return line;
    }
}
