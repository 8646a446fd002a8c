package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Reconfigured;
import dev.socklab.runtime.Server;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** A reload of the chat's limits: a member stays connected through it, and is held to the new limits. */
@Timeout(30)
class ChatReloadTest {
    /** The defaults, with no flood control. */
    private static final ChatSettings BEFORE = new ChatSettings(50, 100, 1000, 512, 0, 10, 256 * 1024,
            Duration.ofSeconds(30), Duration.ofMinutes(30));
    /** One member a room, one line a second. */
    private static final ChatSettings AFTER = new ChatSettings(50, 100, 1, 512, 1, 1, 256 * 1024,
            Duration.ofSeconds(30), Duration.ofMinutes(30));

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void aMemberStaysConnectedThroughAReloadAndIsHeldToTheNewLimits() throws IOException {
        ChatService service = new ChatService(BEFORE, Clock.systemDefaultZone());
        Endpoint chat = servers.stream("chat", service, StreamTransport.TCP_IPV4.endpoint(null));
        try (TestMember alice = TestMember.named(chat, "alice")) {

            ServiceReload reload = service.reload(new FreshSettings() {
                @Override
                public ChatSettings chat() {
                    return AFTER;
                }
            });
            assertThat(reload.changes()).containsExactly("chat: --chat-max-members: 1000 -> 1",
                    "chat: --chat-rate: 0 -> 1", "chat: --chat-burst: 10 -> 1");
            reload.apply().run();

            try (TestMember bob = TestMember.connect(chat)) {
                bob.await("!! lobby is full (1 members): /join another room");
            }
            alice.say("/who");
            alice.await("-- in lobby (1): alice");
            alice.say("too soon");
            alice.await("!! slow down: at most 1 lines a second");
        }
    }

    @Test
    void aMemberAlreadyInIsHeldToANewLineLengthFromItsNextLine() throws IOException {
        ChatService service = new ChatService(BEFORE, Clock.systemDefaultZone());
        Endpoint chat = servers.stream("chat", service, StreamTransport.TCP_IPV4.endpoint(null));
        try (TestMember alice = TestMember.named(chat, "alice")) {
            // alice waits in a read that began before the reload: her next line is held to the new length all the same.
            ServiceReload reload = service.reload(settings(new ChatSettings(50, 100, 1000, 100, 0, 10, 256 * 1024,
                    Duration.ofSeconds(30), Duration.ofMinutes(30))));
            assertThat(reload.changes()).containsExactly("chat: --chat-max-line: 512 -> 100");
            reload.apply().run();

            alice.say("y".repeat(101));
            alice.await("!! line too long (at most 100 bytes): not sent");
            alice.say("y".repeat(100));
            alice.await("<alice> " + "y".repeat(100));
        }
    }

    @Test
    void membersAlreadyInAreHeldToANewSendQueueFromTheirNextLine() throws IOException {
        ChatService service = new ChatService(BEFORE, Clock.systemDefaultZone());
        Endpoint chat = servers.stream("chat", service, StreamTransport.TCP_IPV4.endpoint(null));
        try (LogCapture log = LogCapture.socklab(); TestMember alice = TestMember.named(chat, "alice");
             TestMember carol = TestMember.named(chat, "carol")) {
            // Two bytes waiting at most: any line is past it, so the next one to each member shows the bound is theirs.
            service.reload(settings(new ChatSettings(50, 100, 1000, 1, 0, 10, 2, Duration.ofSeconds(30),
                    Duration.ofMinutes(30)))).apply().run();

            carol.say("x");
            alice.await("!! disconnected: too far behind (more than 2 bytes waiting)");
            assertThat(alice.closedWithin(TestMember.WAIT)).isTrue();
            assertThat(log.awaitContaining("refused by a limit: too far behind (more than 2 bytes waiting)"))
                    .startsWith("chat#");
        }
    }

    @Test
    void aMemberAlreadyInIsHeldToANewIdleTimeoutWhenTheReloadComesThroughTheServer() throws IOException {
        ChatService service = new ChatService(BEFORE, Clock.systemDefaultZone());
        Endpoint requested = StreamTransport.TCP_IPV4.endpoint(null);
        Endpoint chat = servers.stream("chat", service, requested);
        try (TestMember alice = TestMember.named(chat, "alice")) {
            ServiceReload reload = service.reload(settings(new ChatSettings(50, 100, 1000, 512, 0, 10, 256 * 1024,
                    Duration.ofSeconds(30), Duration.ofMillis(300))));
            assertThat(reload.changes()).containsExactly("chat: --chat-idle-timeout: 30m -> 300ms");

            Reconfigured result = servers.server().reconfigure(Server.builder().stream("chat", service, requested),
                    reload.apply());

            assertThat(result.applied()).isTrue();
            // Waiting in a read that began with 30 minutes to go: the new timeout closes her quiet connection.
            assertThat(alice.closedWithin(TestMember.WAIT)).isTrue();
        }
    }

    private static FreshSettings settings(ChatSettings chat) {
        return new FreshSettings() {
            @Override
            public ChatSettings chat() {
                return chat;
            }
        };
    }
}
