package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
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
}
