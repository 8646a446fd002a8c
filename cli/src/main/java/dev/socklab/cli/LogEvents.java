package dev.socklab.cli;

import java.util.Optional;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;

import dev.socklab.services.admin.LogLine;

/** A Logback event as the fields of its text line ({@link LogLine}): what the JSON lines and the log ring keep. */
final class LogEvents {
    private LogEvents() {
    }

    static LogLine line(ILoggingEvent event) {
        String conn = event.getMDCPropertyMap().get("conn");
        IThrowableProxy thrown = event.getThrowableProxy();
        return new LogLine(event.getInstant(), event.getLevel().toString(), event.getLoggerName(),
                Optional.ofNullable(conn).filter(tag -> !tag.isEmpty()), event.getFormattedMessage(),
                Optional.ofNullable(thrown).map(ThrowableProxyUtil::asString));
    }
}
