package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.EntityState;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;
import dev.socklab.netem.NetworkConditions;
import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Server;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.Await;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** Browser players over {@code /arena/ws}, in the same arena as UDP players; the JDK's WebSocket client plays the browser. */
@Timeout(30)
class ArenaSocketRouteTest {
    /** The defaults, but a silent player is dropped only after a minute: what ends a session here is not the timeout. */
    private static final ArenaSettings PATIENT = new ArenaSettings(30, 20, 512, Duration.ofMinutes(1),
            NetworkConditions.NONE);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private URI socket;
    private InetSocketAddress udp;

    /** One arena, served over UDP and, through the http service's /arena/ws, to browsers. */
    private void serve(ArenaSettings settings) {
        Arena arena = new Arena(settings);
        List<Binding> bindings = servers.start(Server.builder()
                .datagram("arena", new ArenaService(arena), StreamTransport.udp(false))
                .stream("http", HttpService.of(HttpSettings.defaults(),
                        new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone()), arena),
                        StreamTransport.TCP_IPV4.endpoint(dir))).bindings();
        udp = (InetSocketAddress) bindings.get(0).endpoint().address();
        socket = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) bindings.get(1).endpoint().address()).getPort()
                + "/arena/ws");
    }

    @Test
    void aBrowserPlaysTheHandshakeOverTheSocketAndMovesInTheArenaOfTheUdpPlayers() throws Exception {
        serve(ArenaSettings.DEFAULTS);
        try (BridgeClient web = BridgeClient.connect(socket); CircleBot bot = CircleBot.join(udp, "bot", 1024, 512)) {
            Packet.Welcome welcome = web.join("web");
            assertThat(welcome.tickRate()).isEqualTo(30);
            assertThat(welcome.snapshotRate()).isEqualTo(20);
            assertThat(welcome.width()).isEqualTo(2048);
            assertThat(welcome.height()).isEqualTo(1024);

            View first = web.awaitView(view -> view.find(welcome.player()).isPresent() && view.find(bot.id()).isPresent(), 0);
            EntityState start = first.find(welcome.player()).orElseThrow();
            assertThat(start.name()).isEqualTo("web");
            assertThat(first.find(bot.id()).orElseThrow().name()).isEqualTo("bot");

            int buttons = start.x() < 1024 ? Buttons.RIGHT : Buttons.LEFT;
            View moved = web.awaitView(view -> Math.abs(view.find(welcome.player()).orElseThrow().x() - start.x()) >= 40,
                    buttons);
            int x = moved.find(welcome.player()).orElseThrow().x();
            awaitBotSees(bot, welcome.player(), found -> Math.abs(found.x() - start.x()) >= 40);
            assertThat(Math.abs(x - start.x())).isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void aTextMessageIsRefusedWith1003() throws Exception {
        serve(ArenaSettings.DEFAULTS);
        try (BridgeClient web = BridgeClient.connect(socket)) {
            web.sendText("CONNECT");

            assertThat(web.closed()).isEqualTo(new BridgeClient.Closed(1003, "binary messages only: one arena packet each"));
        }
    }

    @Test
    void aMessageLongerThanAnyPacketIsRefusedWith1009() throws Exception {
        serve(ArenaSettings.DEFAULTS);
        try (BridgeClient web = BridgeClient.connect(socket)) {
            web.sendBinary(new byte[PacketCodec.MAX_PACKET + 1]);

            assertThat(web.closed()).isEqualTo(new BridgeClient.Closed(1009,
                    "a message longer than " + PacketCodec.MAX_PACKET + " bytes"));
        }
    }

    @Test
    void aPlayerWhoseSocketClosesLeavesTheArenaAtOnceNotAtTheTimeout() throws Exception {
        serve(PATIENT);
        try (BridgeClient stays = BridgeClient.connect(socket); BridgeClient goes = BridgeClient.connect(socket)) {
            int staying = stays.join("stays").player();
            int going = goes.join("goes").player();
            stays.awaitView(view -> view.find(going).isPresent(), 0);

            long closed = System.nanoTime();
            goes.leave();
            stays.awaitView(view -> view.find(going).isEmpty() && view.find(staying).isPresent(), 0);

            assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(PATIENT.timeout().dividedBy(4));
        }
    }

    @Test
    void whenTheServerStopsABrowserIsToldAndItsSocketClosedWith1001() throws Exception {
        serve(ArenaSettings.DEFAULTS);
        try (BridgeClient web = BridgeClient.connect(socket)) {
            Packet.Welcome welcome = web.join("web");
            web.awaitView(view -> view.find(welcome.player()).isPresent(), 0);

            servers.server().stop(Duration.ofSeconds(2));

            assertThat(web.next(Packet.Leave.class)).isEqualTo(new Packet.Leave(welcome.session(), PacketCodec.LEAVE_STOPPING));
            assertThat(web.closed()).isEqualTo(new BridgeClient.Closed(1001, "server shutting down"));
        }
    }

    @Test
    void aRequestThatIsNoWebSocketHandshakeIsRefused() throws Exception {
        serve(ArenaSettings.DEFAULTS);
        URI plain = URI.create(socket.toString().replace("ws:", "http:"));
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(plain).version(HttpClient.Version.HTTP_1_1)
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(426);
            assertThat(answer.headers().firstValue("Upgrade")).contains("websocket");
        }
    }

    /** Waits until the UDP bot's view has player {@code id} as {@code wanted} has it. */
    private static void awaitBotSees(CircleBot bot, int id, Predicate<EntityState> wanted) {
        Await.until(() -> bot.view().find(id).filter(wanted).isPresent(), BridgeClient.WAIT,
                "the UDP player sees the browser player move");
    }
}
