package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.client.ChatClient.Ending;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.testing.Await;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChatClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOON = Duration.ofSeconds(5);
    private static final String TIME = "\\[\\d\\d:\\d\\d:\\d\\d\\] ";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void aPacedClientGetsAScriptPastTheServersFloodControlWhole() throws Exception {
        // socklab's chat with flood control of 20 lines a second in bursts of 40, and 60 lines to send.
        ChatSettings d = ChatSettings.DEFAULTS;
        Endpoint chat = servers.stream("chat", new ChatService(new ChatSettings(d.history(), d.maxRooms(),
                d.maxMembers(), d.maxLineBytes(), 20, 40, d.sendQueueBytes(), d.maxLag(), d.idleTimeout()),
                Clock.systemUTC()), StreamTransport.TCP_IPV4.endpoint(dir));
        List<String> script = IntStream.range(0, 60).mapToObj(i -> "line " + i).toList();

        List<String> paced = talk(chat, 20, script);
        assertThat(paced).noneMatch(line -> line.contains("!!"));
        assertThat(paced).filteredOn(line -> line.contains("<guest-"))
                .map(line -> line.substring(line.indexOf("> ") + 2))
                .containsExactlyElementsOf(IntStream.range(0, 60).mapToObj(i -> "line " + i).toList());

        // The same script unpaced: the server's flood control refuses part of it.
        assertThat(talk(chat, 0, script)).anyMatch(line -> line.contains("!! slow down"));
    }

    /** What the server sent a client that said {@code script} at {@code linesPerSecond}, once it left. */
    private static List<String> talk(Endpoint chat, int linesPerSecond, List<String> script) throws IOException {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ClientConnection conn = Endpoints.connect(chat, TIMEOUT, Tracer.off(), "chat");
             ChatClient client = ChatClient.start(conn, linesPerSecond, heard::add)) {
            Ending end = sayThenLeave(client, script, TIMEOUT);
            assertThat(end).isIn(new Ending.Left(), new Ending.ClosedByServer(Optional.of("disconnected: flooding")));
        }
        return heard;
    }

    /**
     * What a script does (socklab chat's input relay): each line until the conversation ends or a
     * send fails, then leaving, then waiting for the end.
     */
    private static Ending sayThenLeave(ChatClient chat, List<String> script, Duration drain) throws IOException {
        try {
            for (String line : script) {
                if (chat.ending().isDone()) {
                    break;
                }
                chat.send(line);
            }
        } catch (IOException e) {
            // Leaving has begun: the ending says why.
        }
        chat.leave();
        return chat.awaitEnd(drain);
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void eachLineGoesThenLeavingSendsQuitAndAllTheServerSentBeforeClosingIsDelivered(StreamTransport transport)
            throws Exception {
        try (FakeChatServer server = FakeChatServer.start(transport.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            Ending end = sayThenLeave(chat, List.of("hello", "/nick alice", "second é"), TIMEOUT);

            assertThat(end).isEqualTo(new Ending.Left());
            assertThat(server.received()).containsExactly("hello", "/nick alice", "second é", "/quit");
            assertThat(lines).hasSize(5);
            assertThat(lines.get(0)).matches(TIME + "-- welcome to socklab chat, guest-1: /help lists the commands");
            assertThat(lines.subList(1, 5)).allMatch(line -> line.matches(TIME + ".*"))
                    .map(line -> line.substring(11))
                    .containsExactly("<guest-1> hello", "-- guest-1 is now alice", "<alice> second é",
                            "-- alice left lobby (quit)");
            assertThat(chat.ending()).isCompletedWithValue(new Ending.Left());
        }
    }

    @Test
    void linesArriveAsTheyComeWithoutTheirLineEndsWhateverTheSegments() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            Await.until(() -> lines.size() == 1, SOON, "the welcome");

            server.sendRaw("<bob> one\r\n<bob> two\n<bob> thr".getBytes(StandardCharsets.UTF_8));
            Await.until(() -> lines.size() == 3, SOON, "two whole lines");
            server.sendRaw(new byte[] {'e', 'e', ' ', (byte) 0xc3});
            server.sendRaw(new byte[] {(byte) 0xa9, '\r'});
            server.sendRaw("\n".getBytes(StandardCharsets.UTF_8));
            Await.until(() -> lines.size() == 4, SOON, "the line sent in three segments");

            assertThat(lines.subList(1, 4)).containsExactly("<bob> one", "<bob> two", "<bob> three é");
            assertThat(chat.ending()).isNotDone();
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void aServerThatDisconnectsSaysWhyInItsLastWarning(StreamTransport transport) throws Exception {
        try (FakeChatServer server = FakeChatServer.start(transport.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            Await.until(() -> server.members() == 1 && lines.size() == 1, SOON, "the welcome");
            CompletableFuture<String> lastLineAtTheEnd = chat.ending().thenApply(end -> lines.getLast());

            server.disconnectAll("disconnected: flooding");

            assertThat(chat.awaitEnd(TIMEOUT)).isEqualTo(new Ending.ClosedByServer(
                    Optional.of("disconnected: flooding")));
            assertThat(lines.getLast()).matches(TIME + "!! disconnected: flooding");
            assertThat(lastLineAtTheEnd).as("the ending comes after the last line")
                    .succeedsWithin(SOON).asString().matches(TIME + "!! disconnected: flooding");
        }
    }

    @Test
    void aWarningBeforeTheCloseWinsOverTheQuitThatWasOnItsWay() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            Ending end = sayThenLeave(chat, List.of("/flood"), TIMEOUT);

            assertThat(end).isEqualTo(new Ending.ClosedByServer(Optional.of("disconnected: flooding")));
        }
    }

    @Test
    void aServerThatClosesWithoutAWarningGivesNoReason() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            Await.until(() -> server.members() == 1 && lines.size() == 1, SOON, "the welcome");
            server.say("!! nickname taken: bob");
            server.say("-- bob joined lobby");
            server.closeAll();

            assertThat(chat.awaitEnd(TIMEOUT)).isEqualTo(new Ending.ClosedByServer(Optional.empty()));
        }
    }

    @Test
    void typingQuitIsLeavingAndTheServersCloseIsNoFailure() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            chat.send("/quit gone fishing");

            assertThat(chat.awaitEnd(TIMEOUT)).isEqualTo(new Ending.Left());
            assertThat(server.received()).containsExactly("/quit gone fishing");
            chat.leave(); // once ended, leaving sends nothing more
            assertThat(server.received()).containsExactly("/quit gone fishing");
        }
    }

    @Test
    void aServerThatNeverClosesIsLeftOnceTheDrainRunsOut() throws Exception {
        Duration drain = Duration.ofMillis(300);
        try (FakeChatServer server = FakeChatServer.ignoringQuit(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            long start = System.nanoTime();
            Ending end = sayThenLeave(chat, List.of("anyone?"), drain);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(end).isEqualTo(new Ending.StillOpen(drain));
            assertThat(tookMillis).as("waited the drain, and not much more").isBetween(300L, 3000L);
            assertThat(server.received()).containsExactly("anyone?", "/quit");
            assertThat(chat.ending()).as("the ending, once the drain ran out").isCompletedWithValue(end);
        }
    }

    @Test
    void aResetIsAFailure() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            Await.until(() -> server.members() == 1 && lines.size() == 1, SOON, "the welcome");
            server.resetAll();

            assertThat(chat.awaitEnd(TIMEOUT)).isInstanceOfSatisfying(Ending.Failed.class,
                    failed -> assertThat(failed.cause()).hasMessageContaining("reset"));
        }
    }

    @Test
    void completingTheEndingHandedOutChangesNothing() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            Await.until(() -> server.members() == 1 && lines.size() == 1, SOON, "the welcome");

            chat.ending().complete(new Ending.Left());
            assertThat(chat.ending()).isNotDone();
            server.closeAll();

            assertThat(chat.awaitEnd(TIMEOUT)).isEqualTo(new Ending.ClosedByServer(Optional.empty()));
        }
    }

    @Test
    void aLineWithALineEndInsideIsRefused() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            assertThatThrownBy(() -> chat.send("one\ntwo")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> chat.send("one\rtwo")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyEndingButLeavingIsAFailureThatSaysWhatHappened() {
        assertThat(new Ending.Left().failure()).isEmpty();
        assertThat(new Ending.ClosedByServer(Optional.of("disconnected: flooding")).failure()).hasValueSatisfying(
                e -> assertThat(e).hasMessage("the server closed the connection: disconnected: flooding"));
        assertThat(new Ending.ClosedByServer(Optional.empty()).failure()).hasValueSatisfying(
                e -> assertThat(e).hasMessage("the server closed the connection"));
        assertThat(new Ending.Failed(new SocketException("Connection reset")).failure()).hasValueSatisfying(
                e -> assertThat(e).isNotInstanceOf(SocketTimeoutException.class)
                        .hasMessage("the connection failed: Connection reset"));
        assertThat(new Ending.StillOpen(Duration.ofSeconds(5)).failure()).hasValueSatisfying(
                e -> assertThat(e).isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("the server did not close the connection within 5s of /quit"));
    }

    @Test
    void aWarningIsTheTextAfterTheBangs() {
        assertThat(ChatClient.warning("[09:30:01] !! nickname taken: bob")).contains("nickname taken: bob");
        assertThat(ChatClient.warning("!! disconnected: flooding")).contains("disconnected: flooding");
        assertThat(ChatClient.warning("[09:30:01] <bob> !! not a warning")).isEmpty();
        assertThat(ChatClient.warning("[09:30:01] -- bob joined lobby")).isEmpty();
        assertThat(ChatClient.warning(null)).isEmpty();
    }

    @Test
    void sendingOnAClosedConnectionFailsAndBeginsLeaving() throws IOException {
        try (FakeChatServer server = FakeChatServer.ignoringQuit(StreamTransport.TCP_IPV4.endpoint(dir));
             ClientConnection conn = Endpoints.connect(server.endpoint(), TIMEOUT, Tracer.off(), "chat");
             ChatClient chat = ChatClient.start(conn, 0, lines::add)) {
            conn.shutdownOutput();
            assertThatThrownBy(() -> chat.send("too late")).isInstanceOf(IOException.class);

            assertThat(chat.awaitEnd(Duration.ofMillis(200))).isInstanceOf(Ending.Failed.class);
        }
    }
}
