package dev.socklab.services.arp;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * What the table logs on {@code socklab.service.arp} while a test runs (use in
 * try-with-resources). Attached to that exact logger, so a message logged elsewhere is not seen.
 */
final class ArpLog implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("socklab.service.arp");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    ArpLog() {
        appender.start();
        logger.addAppender(appender);
    }

    /** The formatted messages logged at WARN or above. */
    List<String> warnings() {
        return at(Level.WARN);
    }

    /** The formatted messages logged at INFO or above. */
    List<String> infos() {
        return at(Level.INFO);
    }

    private List<String> at(Level level) {
        synchronized (appender) {
            return appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(level))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
