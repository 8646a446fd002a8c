package dev.socklab.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * The log's level and format, set while the server runs, over what logback.xml set at start-up:
 * {@code --log-level} (at start, and again on SIGHUP), {@code --log-format}, and the ring of last
 * lines the status page reads.
 */
final class LogSettings {
    static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");
    static final List<String> FORMATS = List.of("text", "json");
    /** The loggers logback.xml gives appenders: the root, and the services' own (their lines carry the connection's tag). */
    private static final List<String> CONFIGURED = List.of(Logger.ROOT_LOGGER_NAME, "socklab.service");

    private LogSettings() {
    }

    /** Logs {@code level} and above: trace, debug, info, warn or error, in any case. */
    static void level(String level) {
        String name = level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(name)) {
            throw new Errors.UsageException("--log-level is one of " + String.join(", ", LEVELS) + ", not " + level);
        }
        Level chosen = Level.toLevel(name);
        configured().forEach(logger -> logger.setLevel(chosen));
    }

    /**
     * Writes each line as {@code format} says: {@code text}, logback.xml's lines, or {@code json}, one
     * object a line. Called before the first line is logged.
     */
    static void format(String format) {
        String name = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(name)) {
            throw new Errors.UsageException("--log-format is text or json, not " + format);
        }
        if (name.equals("json")) {
            JsonLineEncoder json = new JsonLineEncoder();
            json.setContext(context());
            json.start();
            // The console appenders keep their filters, which route each line to one of them; each now writes JSON.
            for (Logger logger : configured()) {
                for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                    if (it.next() instanceof OutputStreamAppender<ILoggingEvent> console) {
                        console.stop();
                        console.setEncoder(json);
                        console.start();
                    }
                }
            }
        }
    }

    /** Starts keeping the last {@code capacity} lines logged, from now on. */
    static LogRing ring(int capacity) {
        LogRing ring = new LogRing(capacity);
        ring.setContext(context());
        ring.start();
        configured().forEach(logger -> logger.addAppender(ring));
        return ring;
    }

    private static List<Logger> configured() {
        LoggerContext context = context();
        return CONFIGURED.stream().map(context::getLogger).toList();
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
