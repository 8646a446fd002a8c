package dev.socklab.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %connTag} in logback.xml: {@code [http#4] } for a line logged on a connection's behalf,
 * nothing outside one. A converter rather than {@code %replace}, whose regular expression, run on
 * every line, cost more than the line itself once the http service logs each request.
 */
public final class ConnectionTag extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String conn = event.getMDCPropertyMap().get("conn");
        return conn == null || conn.isEmpty() ? "" : "[" + conn + "] ";
    }
}
