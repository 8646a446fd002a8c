package dev.socklab.services.daytime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ZoneClock;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * A reload of daytime's format, acknowledgement wait and zone: a connection waiting for its
 * acknowledgement keeps its wait and logs it; the next connection gets the new format and zone.
 */
@Timeout(20)
class DaytimeReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), ZoneId.of("Europe/Paris"));

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theFormatAndTheWaitChangeForConnectionsFromThenOn() throws IOException {
        DaytimeService daytime = new DaytimeService(CLOCK, DaytimeFormat.parse("lab"), WAIT);
        Endpoint at = servers.stream("daytime", daytime, StreamTransport.TCP_IPV4.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient open = RawClient.connect(at)) {
            assertThat(open.readLine(WAIT)).isEqualTo("21/11/2026 09:30:00");

            ServiceReload reload = daytime.reload(fresh(CLOCK, "iso", Duration.ofMillis(100)));
            assertThat(reload.changes()).containsExactly("daytime: --ack-wait: 5s -> 100ms",
                    "daytime: --format: 03/02/2001 05:05:06 -> 2001-02-03T05:05:06+01:00");
            reload.apply().run();

            open.send("thank you, server");
            open.shutdownOutput();
            log.awaitContaining("acknowledgement from ", "\"thank you, server\"");
        }
        try (RawClient next = RawClient.connect(at)) {
            assertThat(next.readLine(WAIT)).isEqualTo("2026-11-21T09:30:00+01:00");
        }
        assertThat(daytime.now()).as("rpc's daytime method").isEqualTo("2026-11-21T09:30:00+01:00");
    }

    @Test
    void aNewZoneComesThroughTheSharedClock() throws IOException {
        ZoneClock clock = new ZoneClock(ZoneId.of("UTC"));
        DaytimeService daytime = new DaytimeService(clock, DateTimeFormatter.ofPattern("VV"), WAIT);
        Endpoint at = servers.stream("daytime", daytime, StreamTransport.TCP_IPV4.endpoint(dir));
        assertThat(line(at)).isEqualTo("UTC");

        ServiceReload reload = clock.reload(new FreshSettings() {
            @Override
            public Clock clock() {
                return Clock.system(ZoneId.of("Europe/Paris"));
            }
        });
        assertThat(reload.changes()).containsExactly("--zone: UTC -> Europe/Paris");
        reload.apply().run();

        assertThat(line(at)).isEqualTo("Europe/Paris");
    }

    private static String line(Endpoint at) throws IOException {
        try (RawClient client = RawClient.connect(at)) {
            return client.readLine(WAIT);
        }
    }

    private static FreshSettings fresh(Clock clock, String format, Duration ackWait) {
        return new FreshSettings() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public DateTimeFormatter daytimeFormat() {
                return DaytimeFormat.parse(format);
            }

            @Override
            public Duration ackWait() {
                return ackWait;
            }
        };
    }
}
