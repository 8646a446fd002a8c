package dev.socklab.cli;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --log-format json}: each event as one JSON object on a line, with the text line's fields
 * ({@link dev.socklab.services.admin.LogLine}): time, level, logger, connection, message, exception.
 * Not Logback's own {@code JsonEncoder}, which writes the time in epoch milliseconds, the message's
 * pattern and its arguments apart, the connection inside an {@code mdc} object and an exception as
 * an array of frames: a reader would have to rebuild the line the text format shows.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (JSON.writeValueAsString(LogEvents.line(event).json()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
