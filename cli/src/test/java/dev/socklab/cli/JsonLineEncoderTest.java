package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --log-format json}'s lines, and the ring of last lines, from Logback events made here. */
@Tag("no-engine")
class JsonLineEncoderTest {
    private static final LoggerContext CONTEXT = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void aServiceLineIsOneObjectWithItsConnectionAsAFieldAndItsArgumentsInPlace() {
        LoggingEvent event = event("socklab.service.http", Level.INFO, "{} {} {}", null, "GET", "/a\"b\u001b", 200);
        event.setMDCPropertyMap(Map.of("conn", "http#4"));

        String line = encoded(event);

        assertThat(line).endsWith("}\n").doesNotContain("\u001b").hasLineCount(1);
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.propertyNames()).containsExactly("time", "level", "logger", "connection", "message");
        assertThat(Instant.parse(json.get("time").asString())).isEqualTo(event.getInstant());
        assertThat(json.get("level").asString()).isEqualTo("INFO");
        assertThat(json.get("logger").asString()).isEqualTo("socklab.service.http");
        assertThat(json.get("connection").asString()).isEqualTo("http#4");
        assertThat(json.get("message").asString()).isEqualTo("GET /a\"b\u001b 200");
    }

    @Test
    void aLineOutsideAConnectionHasNoConnectionAndAnExceptionComesWithItsTrace() {
        LoggingEvent event = event("socklab.server", Level.WARN, "a listener failed", new IllegalStateException("broken"));

        JsonNode json = JsonMapper.builder().build().readTree(encoded(event));

        assertThat(json.propertyNames()).containsExactly("time", "level", "logger", "message", "exception");
        assertThat(json.get("level").asString()).isEqualTo("WARN");
        assertThat(json.get("exception").asString()).startsWith("java.lang.IllegalStateException: broken")
                .contains("\tat dev.socklab.cli.JsonLineEncoderTest.");
    }

    @Test
    void theRingKeepsTheLastLinesOnlyOldestFirst() {
        LogRing ring = new LogRing(3);
        ring.setContext(CONTEXT);
        ring.start();
        for (int i = 1; i <= 5; i++) {
            ring.doAppend(event("socklab.connection", Level.INFO, "line {}", null, i));
        }
        assertThat(ring.lines()).extracting(l -> l.message()).containsExactly("line 3", "line 4", "line 5");
        assertThat(ring.lines().getFirst().json().get("logger").asString()).isEqualTo("socklab.connection");
    }

    private static LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
        Logger named = CONTEXT.getLogger(logger);
        return new LoggingEvent(Logger.class.getName(), named, level, message, thrown, args.length == 0 ? null : args);
    }

    private static String encoded(LoggingEvent event) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(CONTEXT);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
