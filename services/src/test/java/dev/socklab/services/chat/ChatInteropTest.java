package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/** Chat with the clients people have: OpenBSD netcat and Nmap's ncat, talking with a member in a room and in private. */
@Timeout(30)
class ChatInteropTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @ValueSource(strings = {"nc.openbsd", "ncat"})
    void aNetcatMemberTalksInTheRoomAndInPrivate(String tool) throws Exception {
        String program = Tools.require(tool);
        Endpoint chat = servers.stream("chat", new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone()),
                StreamTransport.TCP_IPV4.endpoint(dir));
        int port = ((InetSocketAddress) chat.address()).getPort();
        try (TestMember alice = TestMember.named(chat, "alice");
             LabProgram nc = LabProgram.start(List.of(program, "127.0.0.1", String.valueOf(port)))) {
            nc.input("/nick carol\nhello from " + tool + "\n/msg alice just you\n/quit\n");

            alice.await("<carol> hello from " + tool);
            assertThat(alice.next()).isEqualTo("*carol* just you");
            alice.await("-- carol left lobby (quit)");
            alice.say("/msg carol too late");
            assertThat(alice.next()).isEqualTo("!! no one is called carol");

            String output = nc.outputUntilExit(Duration.ofSeconds(10));
            assertThat(output).contains("-- welcome to socklab chat, guest-", "-- commands: /nick NAME",
                    "is now carol\r\n", "<carol> hello from " + tool + "\r\n", "-> *alice* just you\r\n", "-- bye\r\n");
            assertThat(output.lines()).allMatch(line -> line.matches("\\[\\d\\d:\\d\\d:\\d\\d] .*"));
        }
    }

    @org.junit.jupiter.api.Test
    void aTelnetMembersLinesReachTheRoom() throws Exception {
        String telnet = Tools.require("telnet");
        Endpoint chat = servers.stream("chat", new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone()),
                StreamTransport.TCP_IPV4.endpoint(dir));
        int port = ((InetSocketAddress) chat.address()).getPort();
        // telnet leaves as soon as its input ends, maybe before it sent it: its input stays open (cat) until the room heard it.
        String script = "{ printf '/nick tel\\nhello via telnet\\n/quit\\n'; cat; } | " + telnet + " 127.0.0.1 " + port;
        try (TestMember alice = TestMember.named(chat, "alice"); LabProgram client = LabProgram.start(List.of("sh", "-c", script))) {
            alice.await("<tel> hello via telnet");
            alice.await("-- tel left lobby (quit)");

            // What telnet prints of the server's last lines before "Connection closed" varies with timing: the room is the test.
            client.input("");
            assertThat(client.outputUntilExit(Duration.ofSeconds(10))).contains("Connected to 127.0.0.1");
        }
    }
}
