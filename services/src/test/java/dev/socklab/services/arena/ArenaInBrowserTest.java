package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.socklab.arena.EntityState;
import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.browser.HeadlessChromium;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.Await;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * The arena's page in headless Chromium, in one arena with a UDP bot that goes round a circle: the
 * page joins and draws the bot moving; its keys move its own player, predicted exactly as the server
 * moves it; and interpolation changes how it draws the bot. With {@code -Darena.screenshots=DIR} it
 * also saves the two pictures of docs/services.md there. A page whose server goes away says so, and
 * plays again once a server is back on its port.
 */
@Timeout(90)
class ArenaInBrowserTest {
    /** Player arguments[0] as the page drew it last, or null. */
    private static final String DRAWN = "return window.arena.players.find(p => p.id === arguments[0]) || null;";
    /** Whether the page drew player arguments[0] at least arguments[3] units from (arguments[1], arguments[2]). */
    private static final String MOVED = "const p = window.arena.players.find(p => p.id === arguments[0]);"
            + " return p !== undefined && Math.hypot(p.x - arguments[1], p.y - arguments[2]) >= arguments[3];";
    /**
     * How the page drew player arguments[0] over the last second, counting only what it drew since arguments[1]
     * (the page's performance.now()): the frames, the distinct positions, the frames on whole units; null until
     * there is a second of it.
     */
    private static final String TRAIL = """
            const trail = window.arena.trail(arguments[0]).filter(p => p.t >= arguments[1]);
            if (trail.length === 0 || trail[trail.length - 1].t - trail[0].t < 900) {
              return null;
            }
            return {frames: trail.length, distinct: new Set(trail.map(p => p.x + ',' + p.y)).size,
                    whole: trail.filter(p => Number.isInteger(p.x) && Number.isInteger(p.y)).length,
                    rate: window.arena.stats.rate};
            """;
    private static final String NOW = "return performance.now();";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theBrowserPlaysBesideAUdpBotPredictsWithNoCorrectionAndInterpolationSmoothsHowTheBotMoves() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        List<Binding> bindings = servers.start(Server.builder()
                .datagram("arena", new ArenaService(arena), StreamTransport.udp(false))
                .stream("http", HttpService.of(HttpSettings.defaults(),
                        new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone()), arena),
                        StreamTransport.TCP_IPV4.endpoint(dir))).bindings();
        InetSocketAddress udp = (InetSocketAddress) bindings.get(0).endpoint().address();
        String page = "http://127.0.0.1:" + ((InetSocketAddress) bindings.get(1).endpoint().address()).getPort()
                + "/arena?name=chromium";
        Optional<Path> screenshots = Optional.ofNullable(System.getProperty("arena.screenshots")).map(Path::of);

        try (HeadlessChromium chromium = HeadlessChromium.start(dir); CircleBot bot = CircleBot.join(udp, "bot", 320, 260)) {
            HeadlessChromium.Tab tab = chromium.open(page);
            if (screenshots.isPresent()) {
                // About one pixel a unit: a snapshot's step is then 6 pixels, which the pictures show.
                tab.resize(2100, 1400);
            }
            int own = tab.until("return window.arena.phase === 'playing' && window.arena.id").asInt();

            // The bot moves, and the page draws it moving.
            JsonNode seen = tab.until(DRAWN, bot.id());
            assertThat(seen.get("name").asString()).isEqualTo("bot");
            assertThat(seen.get("own").asBoolean()).isFalse();
            tab.until(MOVED, bot.id(), seen.get("x").asDouble(), seen.get("y").asDouble(), 24);

            // Keys move the own player; with no loss the JavaScript's Physics.move agrees with the server's, and
            // prediction is never corrected.
            JsonNode start = tab.until(DRAWN, own);
            assertThat(start.get("own").asBoolean()).isTrue();
            assertThat(start.get("name").asString()).isEqualTo("chromium");
            String key = start.get("x").asInt() < 1024 ? "ARROW_RIGHT" : "ARROW_LEFT";
            tab.keyDown(key);
            tab.until(MOVED, own, start.get("x").asInt(), start.get("y").asInt(), 64);
            tab.keyUp(key);
            Await.until(() -> drawnAt(tab, own).equals(botSees(bot, own)), Duration.ofSeconds(10),
                    "the page draws its player where the server has it");
            assertThat(tab.script("return window.arena.corrections").asInt()).isZero();
            // With a second of lag on what the page sends, prediction moves the own player at once, long before the
            // server does; the round trip shows the lag, and reconciliation still corrects nothing.
            tab.script("document.getElementById('lag').value = '1000'");
            JsonNode before = tab.script(DRAWN, own);
            String back = key.equals("ARROW_RIGHT") ? "ARROW_LEFT" : "ARROW_RIGHT";
            tab.keyDown(back);
            tab.until(MOVED, own, before.get("x").asInt(), before.get("y").asInt(), 16);
            assertThat(botSees(bot, own)).as("where the server has the page's player, a moment after it moved")
                    .isEqualTo(before.get("x").asInt() + "," + before.get("y").asInt());
            tab.keyUp(back);
            Await.until(() -> drawnAt(tab, own).equals(botSees(bot, own)), Duration.ofSeconds(10),
                    "the server moves the page's player where prediction drew it");
            assertThat(tab.until("return window.arena.stats.rtt >= 1000 && window.arena.stats.rtt").asDouble())
                    .isLessThan(2000);
            assertThat(tab.script("return window.arena.corrections").asInt()).isZero();
            tab.script("document.getElementById('lag').value = '0'");
            JsonNode switches = tab.script("return window.arena.switches");
            assertThat(List.of("prediction", "reconciliation", "interpolation", "trails"))
                    .map(name -> switches.get(name).asBoolean()).containsExactly(true, true, true, false);

            // Interpolated, the bot is drawn between snapshots, a new place every frame; not, only where a snapshot
            // put it, a place a snapshot.
            tab.press("t");
            if (screenshots.isPresent()) {
                Await.until(bot::circling, Duration.ofSeconds(30), "the bot goes round its circle");
            }
            JsonNode smooth = tab.until(TRAIL, bot.id(), tab.script(NOW).asDouble());
            screenshots.ifPresent(to -> screenshot(tab, to.resolve("arena-interpolation-on.png")));
            tab.press("i");
            assertThat(tab.script("return window.arena.switches.interpolation").asBoolean()).isFalse();
            JsonNode jumpy = tab.until(TRAIL, bot.id(), tab.script(NOW).asDouble());
            screenshots.ifPresent(to -> screenshot(tab, to.resolve("arena-interpolation-off.png")));

            assertThat(jumpy.get("whole").asInt()).as("frames on whole units, off: " + jumpy).isEqualTo(jumpy.get("frames").asInt());
            assertThat(jumpy.get("distinct").asInt()).as("places drawn in a second, off: " + jumpy)
                    .isLessThanOrEqualTo(jumpy.get("rate").asInt() + 2);
            assertThat(smooth.get("whole").asInt() * 2).as("frames on whole units, on: " + smooth)
                    .isLessThan(smooth.get("frames").asInt());
            assertThat(smooth.get("distinct").asInt()).as("places drawn in a second, on: " + smooth + ", off: " + jumpy)
                    .isGreaterThan(jumpy.get("distinct").asInt());

            // A new nickname is a new player: the old one leaves the arena as its socket closes.
            tab.script("document.getElementById('nickname').value = ''");
            tab.type("#nickname", "renamed");
            int renamed = tab.until("return window.arena.phase === 'playing' && window.arena.id !== arguments[0]"
                    + " && window.arena.id", own).asInt();
            assertThat(tab.until(DRAWN, renamed).get("name").asString()).isEqualTo("renamed");
            Await.until(() -> bot.view().find(own).isEmpty() && bot.view().find(renamed).isPresent(),
                    Duration.ofSeconds(5), "the bot sees the renamed player, and the old one gone");

            assertThat(tab.script("return window.arena.snapshots").asInt()).isPositive();
            assertThat(tab.script("return window.arena.dropped").asInt()).isZero();
            assertThat(chromium.consoleLog()).as("the browser console").isEmpty();
        }
    }

    @Test
    void aPageWhoseServerRestartsShowsItIsDisconnectedAndPlaysAgainOnceItIsBack() throws Exception {
        InetSocketAddress http = (InetSocketAddress) serveArenaPages(new InetSocketAddress("127.0.0.1", 0));
        try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
            HeadlessChromium.Tab tab = chromium.open("http://127.0.0.1:" + http.getPort() + "/arena?name=chromium");
            tab.until("return window.arena.phase === 'playing'");

            // The server stops with no grace, as at a crash; while it is away, each attempt fails at once.
            servers.server().stop(Duration.ZERO);
            JsonNode away = tab.until("const s = document.getElementById('status');"
                    + " return window.arena.phase === 'disconnected' && window.arena.attempts >= 2"
                    + " && {text: s.textContent, cls: s.className};");
            assertThat(away.get("cls").asString()).isEqualTo("closed");
            assertThat(away.get("text").asString()).matches(
                    "(left the arena: the server is stopping|disconnected \\(1006\\)); reconnecting in \\d+ s \\(attempt \\d+\\)");
            assertThat(tab.script("return window.arena.players").size()).as("players drawn while disconnected").isZero();

            // Back on the same port, with a new arena: the page joins it by itself, and its keys move its player.
            serveArenaPages(http);
            // Longer than tab.until's 10 s: a test held up for seconds may have let the backoff grow to its cap.
            Await.until(() -> script(tab, "return window.arena.phase").asString().equals("playing"),
                    Duration.ofSeconds(30), "the page playing again");
            int own = tab.script("return window.arena.id").asInt();
            assertThat(tab.script("return window.arena.attempts").asInt()).isZero();
            JsonNode start = tab.until(DRAWN, own);
            String key = start.get("x").asInt() < 1024 ? "ARROW_RIGHT" : "ARROW_LEFT";
            tab.keyDown(key);
            tab.until(MOVED, own, start.get("x").asInt(), start.get("y").asInt(), 64);
            tab.keyUp(key);
            assertThat(tab.script("return document.getElementById('status').className").asString()).isEmpty();
            // Chromium logs each WebSocket that could not connect; nothing else may be in the console.
            assertThat(chromium.consoleLog()).as("the browser console").allSatisfy(entry -> assertThat(
                    entry.get("message").asString()).contains("WebSocket connection to 'ws://127.0.0.1:"
                    + http.getPort() + "/arena/ws' failed"));
        }
    }

    /** Serves the http service with a new arena behind its pages on {@code address}; where it is bound. */
    private SocketAddress serveArenaPages(InetSocketAddress address) {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        return servers.start(Server.builder()
                .datagram("arena", new ArenaService(arena), StreamTransport.udp(false))
                .stream("http", HttpService.of(HttpSettings.defaults(),
                        new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone()), arena),
                        Endpoint.tcp(address))).bindings().get(1).endpoint().address();
    }

    private static JsonNode script(HeadlessChromium.Tab tab, String js) {
        try {
            return tab.script(js);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the page drew player {@code id}, as "x,y". */
    private static String drawnAt(HeadlessChromium.Tab tab, int id) {
        try {
            JsonNode p = tab.script(DRAWN, id);
            return p.isNull() ? "" : p.get("x").asInt() + "," + p.get("y").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the UDP bot's newest snapshot has player {@code id}, as "x,y". */
    private static String botSees(CircleBot bot, int id) {
        return bot.view().find(id).map((EntityState p) -> p.x() + "," + p.y()).orElse("none");
    }

    /** Saves the page's panel and the corner of the arena where the bot goes round, as a PNG at {@code file}. */
    private static void screenshot(HeadlessChromium.Tab tab, Path file) {
        try {
            Files.createDirectories(file.getParent());
            tab.screenshot("#game", file);
            BufferedImage whole = ImageIO.read(file.toFile());
            ImageIO.write(whole.getSubimage(0, 0, Math.min(whole.getWidth(), 760), Math.min(whole.getHeight(), 470)),
                    "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
