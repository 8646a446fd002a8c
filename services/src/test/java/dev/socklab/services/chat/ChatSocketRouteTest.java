package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.testing.RawClient;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.websocket.Handshake;

/** Browser members, over {@code /chat/ws}, in the same rooms as {@code nc} members; the JDK's WebSocket client plays the browser. */
@Timeout(30)
class ChatSocketRouteTest {
    /** The defaults, with no flood control: these tests talk fast. */
    private static final ChatSettings FAST = new ChatSettings(50, 100, 1000, 512, 0, 10, 256 * 1024,
            Duration.ofSeconds(30), Duration.ofMinutes(30));

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private ChatService service;
    private Endpoint chat;
    private URI socket;
    private Endpoint http;

    /** One chat served to nc members and, through the http service's /chat/ws, to browsers. */
    private void serve(ChatSettings settings, StreamTransport transport) {
        serve(settings, transport, chat -> HttpService.of(HttpSettings.defaults(), chat));
    }

    private void serve(ChatSettings settings, StreamTransport transport, Function<ChatService, HttpService> web) {
        service = new ChatService(settings, Clock.systemDefaultZone());
        List<Binding> bindings = servers.start(Server.builder()
                .stream("chat", service, transport.endpoint(dir))
                .stream("http", web.apply(service), transport.endpoint(dir))).bindings();
        chat = bindings.get(0).endpoint();
        http = bindings.get(1).endpoint();
        if (transport != StreamTransport.UNIX) {
            socket = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) http.address()).getPort() + "/chat/ws");
        }
    }

    private void serve() {
        serve(FAST, StreamTransport.TCP_IPV4);
    }

    @Test
    void browserAndNetcatMembersShareTheLobbyEachLineOneTextMessageWithoutItsEnd() throws Exception {
        serve();
        try (TestMember carol = TestMember.named(chat, "carol"); SocketMember web = SocketMember.connect(socket)) {
            carol.await("-- " + web.nick() + " joined lobby");

            web.say("/nick alice");
            web.await("-- " + web.nick() + " is now alice");
            carol.await("-- " + web.nick() + " is now alice");
            web.say("hello from a browser");
            assertThat(carol.next()).isEqualTo("<alice> hello from a browser");
            assertThat(web.next()).isEqualTo("<alice> hello from a browser");
            carol.say("hello from nc");
            assertThat(carol.next()).isEqualTo("<carol> hello from nc");
            assertThat(web.next()).isEqualTo("<carol> hello from nc");

            web.say("/msg carol psst");
            assertThat(carol.next()).isEqualTo("*alice* psst");
            assertThat(web.next()).isEqualTo("-> *carol* psst");
        }
    }

    @Test
    void aBrowserMemberGetsTheRoomsHistoryAndItsNicknameIsTakenForEveryone() throws Exception {
        serve();
        try (TestMember carol = TestMember.named(chat, "carol")) {
            carol.say("/join den");
            carol.await("-- carol joined den");
            carol.say("said before the browser came");
            carol.await("<carol> said before the browser came");
            try (SocketMember web = SocketMember.connect(socket)) {
                web.say("/nick CAROL");
                assertThat(web.next()).isEqualTo("!! nickname taken: CAROL");
                web.say("/join den");
                assertThat(web.next()).isEqualTo("<carol> said before the browser came");
                assertThat(web.next()).isEqualTo("-- " + web.nick() + " joined den");
            }
        }
    }

    @Test
    void aBrowserMemberAlreadyInIsHeldToANewLineLengthAndSendQueue() throws Exception {
        serve();
        try (SocketMember web = SocketMember.connect(socket)) {
            reload(new ChatSettings(50, 100, 1000, 100, 0, 10, 256 * 1024, Duration.ofSeconds(30),
                    Duration.ofMinutes(30)));
            web.say("x".repeat(101));
            assertThat(web.next()).isEqualTo("!! line too long (at most 100 bytes): not sent");

            // Two bytes waiting at most: the next line to the browser is past it, and its connection is dropped.
            reload(new ChatSettings(50, 100, 1000, 1, 0, 10, 2, Duration.ofSeconds(30), Duration.ofMinutes(30)));
            web.say("x");
            assertThat(web.event()).isInstanceOf(SocketMember.Closed.class);
        }
    }

    private void reload(ChatSettings next) {
        service.reload(new FreshSettings() {
            @Override
            public ChatSettings chat() {
                return next;
            }
        }).apply().run();
    }

    @Test
    void aMessageIsCheckedAsALineAndTheMemberStays() throws Exception {
        serve();
        try (SocketMember web = SocketMember.connect(socket)) {
            web.say("x".repeat(513));
            assertThat(web.next()).isEqualTo("!! line too long (at most 512 bytes): not sent");
            web.say("two\nlines");
            assertThat(web.next()).isEqualTo("!! control characters are not allowed: not sent");
            web.say("é".repeat(256));
            assertThat(web.next()).isEqualTo("<" + web.nick() + "> " + "é".repeat(256));
            web.say("é".repeat(257));
            assertThat(web.next()).isEqualTo("!! line too long (at most 512 bytes): not sent");
        }
    }

    @Test
    void aMemberThatQuitsGetsByeThenACloseFrameSayingSo() throws Exception {
        serve();
        try (TestMember carol = TestMember.named(chat, "carol"); SocketMember web = SocketMember.connect(socket)) {
            web.say("/quit for tea");
            web.await("-- bye");
            assertThat(web.event()).isEqualTo(new SocketMember.Closed(1000, "quit: for tea"));
            carol.await("-- " + web.nick() + " left lobby (quit: for tea)");
        }
    }

    @Test
    void aMemberQuietForTheChatsIdleTimeoutIsClosedWithGoingAwayAndTheRoomHearsIt() throws Exception {
        serve(new ChatSettings(50, 100, 1000, 512, 0, 10, 256 * 1024, Duration.ofSeconds(30), Duration.ofMillis(300)),
                StreamTransport.TCP_IPV4);
        try (SocketMember web = SocketMember.connect(socket)) {
            long start = System.nanoTime();

            assertThat(web.event()).isEqualTo(new SocketMember.Closed(1001, "quiet for 300ms"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aMemberThatOnlyReadsAnswersItsPingsAndStays() throws Exception {
        // The ping interval is also the time the browser has to answer: the JDK's client answers from a thread of
        // its own, which a loaded machine may hold back for a good part of a second.
        Duration pingEvery = Duration.ofMillis(700);
        serve(FAST, StreamTransport.TCP_IPV4, pingingEvery(pingEvery));
        try (TestMember carol = TestMember.named(chat, "carol"); SocketMember web = SocketMember.connect(socket)) {
            carol.await("-- " + web.nick() + " joined lobby");

            // Past the first ping's deadline, which an unanswered ping would have closed the member at.
            assertThat(web.closedWithin(pingEvery.multipliedBy(3))).isFalse();
            carol.say("still there?");

            assertThat(web.next()).isEqualTo("<carol> still there?");
            web.say("yes");
            carol.await("<" + web.nick() + "> yes");
        }
    }

    @Test
    void aMemberWhoseBrowserAnswersNoPingIsClosedAndTheRoomHearsItLeave() throws Exception {
        serve(FAST, StreamTransport.TCP_IPV4, pingingEvery(Duration.ofMillis(100)));
        try (TestMember carol = TestMember.named(chat, "carol"); RawClient gone = RawClient.connect(http)) {
            gone.send(handshake());
            // It reads nothing and answers nothing: a browser whose machine went to sleep.
            carol.awaitMatching(l -> l.matches("-- guest-\\d+ joined lobby"), "the member's arrival");

            carol.awaitMatching(l -> l.matches("-- guest-\\d+ left lobby"), "the member's departure");
        }
    }

    private static Function<ChatService, HttpService> pingingEvery(Duration pingEvery) {
        return chat -> new HttpService(HttpSettings.defaults(), new Router().exact("/chat/ws", new ChatSocketRoute(chat, pingEvery)));
    }

    private static String handshake() {
        return "GET /chat/ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Handshake.newKey() + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    @Test
    void aBinaryMessageIsNoLineAndClosesWithUnsupportedData() throws Exception {
        serve();
        try (SocketMember web = SocketMember.connect(socket)) {
            web.sendBinary(new byte[] {1, 2, 3});

            assertThat(web.event()).isEqualTo(new SocketMember.Closed(1003, "text messages only: one line each"));
        }
    }

    @Test
    void aFloodingMemberIsClosedWithPolicyViolation() throws Exception {
        serve(new ChatSettings(50, 100, 1000, 512, 1, 1, 256 * 1024, Duration.ofSeconds(30), Duration.ofMinutes(30)),
                StreamTransport.TCP_IPV4);
        try (SocketMember web = SocketMember.connect(socket)) {
            for (int i = 0; i < 3; i++) {
                web.say("line " + i);
            }
            web.await("!! disconnected: flooding");
            assertThat(web.event()).isEqualTo(new SocketMember.Closed(1008, "flooding"));
        }
    }

    @Test
    void aBrowserThatStopsReadingIsDroppedAsAnNcMemberIsWhileTheRoomGoesOn() throws Exception {
        int queue = 64 * 1024;
        // Unix sockets: their kernel buffers hold some 200 KiB where TCP's may grow to tens of MiB.
        serve(new ChatSettings(0, 100, 1000, 512, 0, 10, queue, Duration.ofMinutes(5), Duration.ofMinutes(30)),
                StreamTransport.UNIX);
        try (TestMember talker = TestMember.named(chat, "talker"); RawClient sleeper = RawClient.connect(http)) {
            sleeper.send(handshake());
            talker.awaitMatching(l -> l.matches("-- guest-\\d+ joined lobby"), "the sleeper's arrival");
            String line = "z".repeat(400);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            boolean dropped = false;
            for (int sent = 0; !dropped; ) {
                assertThat(System.nanoTime()).as("time to drop the sleeper").isLessThan(deadline);
                for (int i = 0; i < 100; i++) {
                    talker.say(sent++ + " " + line);
                }
                String last = "<talker> " + (sent - 1) + " " + line;
                dropped = talker.awaitMatching(last::equals, last).stream()
                        .anyMatch(l -> l.matches("-- guest-\\d+ left lobby \\(disconnected\\)"));
            }
            talker.say("still here");
            talker.await("<talker> still here");
        }
    }

    @Test
    void aStoppingServerSendsEveryBrowserMemberTheNoticeThenGoingAway() throws Exception {
        serve();
        try (TestMember carol = TestMember.named(chat, "carol"); SocketMember web = SocketMember.connect(socket)) {
            carol.await("-- " + web.nick() + " joined lobby");

            // Far longer than the test may take: the notice, not the grace, ends the connections.
            assertThat(servers.server().stop(Duration.ofMinutes(5))).isTrue();

            assertThat(web.next()).isEqualTo("!! server shutting down");
            assertThat(web.event()).isEqualTo(new SocketMember.Closed(1001, "server shutting down"));
            assertThat(carol.rest()).matches("\\[\\d\\d:\\d\\d:\\d\\d] !! server shutting down\r\n");
        }
    }

    @Test
    void aRequestThatIsNoWebSocketHandshakeIsRefusedWithTheVersionSpoken() throws IOException {
        serve();
        try (RawClient client = RawClient.connect(http)) {
            client.send("GET /chat/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String answer = client.readAll(TestMember.WAIT);
            assertThat(answer).startsWith("HTTP/1.1 426 Upgrade Required\r\n").contains("\r\nUpgrade: websocket\r\n",
                    "\r\nSec-WebSocket-Version: 13\r\n");
        }
    }
}
