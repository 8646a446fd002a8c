package dev.socklab.services.connect4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Reconfigured;
import dev.socklab.runtime.Server;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** A reload of connect4's limits reaches the players already connected: the line length, and the idle timeout. */
@Timeout(30)
class Connect4ReloadTest {
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void aPlayerAlreadyConnectedIsHeldToANewLineLengthFromItsNextLine() throws IOException {
        Connect4Service service = new Connect4Service(Connect4ServiceTest.FAST);
        Endpoint game = servers.stream("connect4", service, StreamTransport.TCP_IPV4.endpoint(null));
        try (TestPlayer alice = TestPlayer.named(game, "alice")) {
            ServiceReload reload = service.reload(settings(withLineAndIdle(160, Duration.ofMinutes(30))));
            assertThat(reload.changes()).containsExactly("connect4: --connect4-max-line: 256 -> 160");
            reload.apply().run();

            // Within the old limit, past the new one: refused, and alice stays.
            alice.say("x".repeat(161));
            alice.await("!! line too long (at most 160 bytes): ignored.");
            alice.say("/who");
            alice.awaitStarting("players (1)");
        }
    }

    @Test
    void aPlayerAlreadyConnectedIsHeldToANewIdleTimeoutWhenTheReloadComesThroughTheServer() throws IOException {
        Connect4Service service = new Connect4Service(Connect4ServiceTest.FAST);
        Endpoint requested = StreamTransport.TCP_IPV4.endpoint(null);
        Endpoint game = servers.stream("connect4", service, requested);
        try (TestPlayer alice = TestPlayer.named(game, "alice")) {
            ServiceReload reload = service.reload(settings(withLineAndIdle(256, Duration.ofMillis(300))));
            assertThat(reload.changes()).containsExactly("connect4: --connect4-idle-timeout: 30m -> 300ms");

            Reconfigured result = servers.server().reconfigure(Server.builder().stream("connect4", service, requested),
                    reload.apply());

            assertThat(result.applied()).isTrue();
            // Waiting in a read that began with 30 minutes to go: the new timeout closes her quiet connection.
            assertThat(alice.closedWithin(TestPlayer.WAIT)).isTrue();
        }
    }

    /** {@link Connect4ServiceTest#FAST} with another line length and idle timeout. */
    private static Connect4Settings withLineAndIdle(int maxLine, Duration idle) {
        Connect4Settings fast = Connect4ServiceTest.FAST;
        return new Connect4Settings(fast.moveTimeout(), fast.challengeTimeout(), fast.maxPlayers(), fast.maxGames(),
                fast.maxSpectators(), maxLine, fast.rate(), fast.burst(), idle);
    }

    private static FreshSettings settings(Connect4Settings connect4) {
        return new FreshSettings() {
            @Override
            public Connect4Settings connect4() {
                return connect4;
            }
        };
    }
}
