package dev.socklab.cli;

import java.util.ArrayDeque;
import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

import dev.socklab.services.admin.LogLine;
import dev.socklab.services.admin.RecentLog;

/**
 * An appender that keeps the last {@code capacity} lines logged, for the status page's "last log
 * lines": the oldest goes as a new one comes, so however much is logged it holds no more.
 */
final class LogRing extends UnsynchronizedAppenderBase<ILoggingEvent> implements RecentLog {
    private final int capacity;
    private final ArrayDeque<LogLine> lines;

    LogRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a log ring keeps at least one line: " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
        setName("RING");
    }

    @Override
    protected void append(ILoggingEvent event) {
        LogLine line = LogEvents.line(event);
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
    }

    @Override
    public List<LogLine> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
