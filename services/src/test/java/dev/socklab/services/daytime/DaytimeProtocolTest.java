package dev.socklab.services.daytime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.testing.EmbeddedConnection;
import dev.socklab.testing.LogCapture;

/** RFC 867 with the lab's acknowledgement, over an in-memory connection: the protocol alone, no socket. */
@Timeout(10)
class DaytimeProtocolTest {
    /** 21 November 2026, 09:30:00 in Paris. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), ZoneId.of("Europe/Paris"));

    @Test
    void theDateIsOneLineThenTheOutputIsShutAndTheAcknowledgementLogged() throws IOException {
        EmbeddedConnection conn = new EmbeddedConnection().send("thanks from the lab").closeInput();

        try (LogCapture log = LogCapture.socklab()) {
            daytime(Duration.ofSeconds(5)).serve(conn);

            assertThat(log.lines()).anyMatch(line -> line.startsWith("acknowledgement from 127.0.0.1:40000: ")
                    && line.contains("thanks from the lab"));
        }
        assertThat(conn.writtenText()).isEqualTo("21/11/2026 09:30:00\r\n");
        assertThat(conn.outputShut()).isTrue();
    }

    @Test
    void aClientThatStaysQuietIsWaitedForOnlyTheAcknowledgementWait() throws IOException {
        EmbeddedConnection conn = new EmbeddedConnection();

        try (LogCapture log = LogCapture.socklab()) {
            daytime(Duration.ofMillis(50)).serve(conn);

            assertThat(log.lines()).noneMatch(line -> line.contains("acknowledgement"));
        }
        assertThat(conn.writtenText()).isEqualTo("21/11/2026 09:30:00\r\n");
    }

    private static DaytimeService daytime(Duration ackWait) {
        return new DaytimeService(CLOCK, DaytimeFormat.parse("lab"), ackWait);
    }
}
