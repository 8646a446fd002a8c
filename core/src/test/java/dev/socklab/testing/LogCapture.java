package dev.socklab.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Collects what socklab logs while a test runs, to assert on it (use in try-with-resources). */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // An event reads its logging context when first asked: on the logging thread, not the test's.
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** Everything under the {@code socklab} loggers. */
    public static LogCapture socklab() {
        return new LogCapture("socklab");
    }

    /** The formatted messages so far. */
    public List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** The formatted messages so far that were logged at WARN or above. */
    public List<String> warnings() {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** The first line matching {@code test}, waiting for it up to {@code timeout}. */
    public String await(Predicate<String> test, Duration timeout) {
        Await.until(() -> find(test).isPresent(), timeout, "a log line as expected; got " + lines());
        return find(test).orElseThrow();
    }

    /** The first line containing all of {@code parts}, waiting up to 5 s. */
    public String awaitContaining(String... parts) {
        return await(line -> List.of(parts).stream().allMatch(line::contains), Duration.ofSeconds(5));
    }

    /**
     * The connection tag ({@code connect4#2}, the runtime's {@code conn} in the logging context) of the first line
     * containing all of {@code parts}, waiting for the line up to 5 s; empty for a line logged on no connection's
     * behalf.
     */
    public String awaitConnectionOf(String... parts) {
        String line = awaitContaining(parts);
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getFormattedMessage().equals(line)).findFirst()
                    .map(e -> e.getMDCPropertyMap().getOrDefault("conn", "")).orElseThrow();
        }
    }

    private Optional<String> find(Predicate<String> test) {
        return lines().stream().filter(test).findFirst();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
