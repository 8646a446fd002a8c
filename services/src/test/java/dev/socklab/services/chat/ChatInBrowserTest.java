package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Server;
import dev.socklab.services.browser.HeadlessChromium;
import dev.socklab.testing.LabProgram;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/** The chat's page in headless Chromium: two browser members and an {@code nc} member in one room. */
@Timeout(60)
class ChatInBrowserTest {
    /** The lines the page shows, as text. */
    private static final String LINES = "return Array.from(document.querySelectorAll('#lines > div'), d => d.textContent);";
    /** Whether the page shows a line ending in arguments[0] (after its time stamp). */
    private static final String SHOWS = "return Array.from(document.querySelectorAll('#lines > div'))"
            + ".some(d => d.textContent.endsWith('] ' + arguments[0]));";
    /** Whether the page shows a line containing arguments[0]. */
    private static final String HAS = "return Array.from(document.querySelectorAll('#lines > div'))"
            + ".some(d => d.textContent.includes(arguments[0]));";
    private static final String STATUS = "return document.getElementById('status').textContent;";
    private static final String CLOSED = "return document.getElementById('status').className === 'closed'"
            + " && document.getElementById('status').textContent;";

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void twoBrowsersAndNetcatTalkInOneRoomAndMarkupArrivesAsText() throws Exception {
        String nc = Tools.require("nc.openbsd");
        ChatService chat = new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone());
        List<Binding> bindings = servers.start(Server.builder()
                .stream("chat", chat, StreamTransport.TCP_IPV4.endpoint(dir))
                .stream("http", HttpService.of(HttpSettings.defaults(), chat), StreamTransport.TCP_IPV4.endpoint(dir))).bindings();
        int chatPort = ((InetSocketAddress) bindings.get(0).endpoint().address()).getPort();
        String page = "http://127.0.0.1:" + ((InetSocketAddress) bindings.get(1).endpoint().address()).getPort() + "/chat";

        try (HeadlessChromium chromium = HeadlessChromium.start(dir);
             LabProgram carol = LabProgram.start(List.of(nc, "127.0.0.1", String.valueOf(chatPort)))) {
            HeadlessChromium.Tab alice = chromium.open(page);
            HeadlessChromium.Tab bob = chromium.open(page);
            for (HeadlessChromium.Tab tab : List.of(alice, bob)) {
                tab.until("return document.getElementById('status').textContent.startsWith('connected')");
            }
            carol.sendLine("/nick carol");
            awaitLine(carol, "-- ", " is now carol");
            alice.type("#line", "/nick alice");
            bob.until(HAS, " is now alice");
            bob.type("#line", "/nick bob");
            alice.until(HAS, " is now bob");
            awaitLine(carol, "-- ", " is now bob");

            alice.type("#line", "hello from alice");
            bob.until(SHOWS, "<alice> hello from alice");
            awaitLine(carol, "<alice> hello from alice", "");
            carol.sendLine("hello from nc");
            alice.until(SHOWS, "<carol> hello from nc");
            bob.until(SHOWS, "<carol> hello from nc");

            bob.type("#line", "<script>alert(1)</script><img src=x onerror=alert(2)>");
            alice.until(SHOWS, "<bob> <script>alert(1)</script><img src=x onerror=alert(2)>");
            awaitLine(carol, "<bob> <script>alert(1)</script><img src=x onerror=alert(2)>", "");
            // Shown as text: each line is a div with no element in it, and no alert is open (a script would fail if one were).
            assertThat(alice.script("return document.querySelectorAll('#lines script, #lines img, #lines > div *, "
                    + "#lines > :not(div)').length").asInt()).isZero();
            assertThat(alice.script("return document.scripts.length").asInt()).isEqualTo(1);
            assertThat(alice.script(LINES).toString()).contains("hello from nc");
            assertThat(alice.script(STATUS).asString()).startsWith("connected");

            assertThat(chromium.consoleLog()).as("the browser console").isEmpty();

            // The page's own connection, kept alive after it loaded, waits out the grace: the pages are the test.
            servers.server().stop(Duration.ofSeconds(1));
            for (HeadlessChromium.Tab tab : List.of(alice, bob)) {
                tab.until(SHOWS, "!! server shutting down");
                assertThat(tab.until(CLOSED).asString()).isEqualTo("closed (1001: server shutting down)");
            }
        }
    }

    /** Reads nc's output until a line with {@code prefix} after its time stamp and ending with {@code suffix}. */
    private static void awaitLine(LabProgram nc, String prefix, String suffix) throws IOException {
        for (int i = 0; i < 100; i++) {
            String line = nc.readLine(Duration.ofSeconds(10));
            assertThat(line).as("nc's output, looking for " + prefix + "..." + suffix).isNotNull();
            if (line.length() > 11 && line.substring(11).startsWith(prefix) && line.endsWith(suffix)) {
                return;
            }
        }
        throw new AssertionError("nc never printed " + prefix + "..." + suffix);
    }
}
