package dev.socklab.services.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.browser.HeadlessChromium;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.StreamTransport;

/**
 * The status page in headless Chromium, on a server with an echo service beside it: the page loads
 * with nothing in the console, shows a connection the test opens with its client's address, its
 * bytes on the chart, the log's lines, and drops the connection once the test closes it. With
 * {@code -Dstatus.screenshots=DIR} it also saves the picture of docs/monitoring.md there.
 */
@Timeout(90)
class StatusPageInBrowserTest {
    /** Whether the connections table has a row whose client is arguments[0]. */
    private static final String ROW = "Array.from(document.querySelectorAll('#connections tbody tr'))"
            + ".some(row => row.cells[0].textContent === arguments[0])";
    private static final String SHOWN = "return " + ROW + ";";
    private static final String GONE = "return !" + ROW + ";";

    @TempDir
    Path dir;
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void thePageShowsAConnectionWithItsClientAndDropsItWhenItCloses() throws Exception {
        LogLine logged = new LogLine(Instant.now(), "WARN", "socklab.server", Optional.empty(),
                "a line the page shows <b>as text</b>", Optional.empty());
        AdminService admin = new AdminService(HttpSettings.defaults(), Clock.systemUTC());
        server = Server.builder()
                .stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir))
                .stream(AdminService.NAME, admin, StreamTransport.TCP_IPV4.endpoint(dir))
                .build();
        admin.report(server);
        StatusPage.addTo(admin.router(), server, Clock.systemUTC(), () -> List.of(logged));
        server.start();
        Endpoint echo = server.bindings().get(0).endpoint();
        int port = ((InetSocketAddress) server.bindings().get(1).endpoint().address()).getPort();
        Optional<Path> screenshots = Optional.ofNullable(System.getProperty("status.screenshots")).map(Path::of);

        try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
            HeadlessChromium.Tab tab = chromium.open("http://127.0.0.1:" + port + "/");
            tab.until("return window.statusPage.state === 'live'");
            assertThat(tab.script("return document.querySelector('#services tbody').textContent").asString())
                    .contains("echo", "admin", SocketAddresses.format(echo.address()));
            assertThat(tab.until("return document.getElementById('log').textContent").asString())
                    .contains("WARN a line the page shows <b>as text</b>");

            String client;
            try (RawClient connection = RawClient.connect(echo)) {
                client = SocketAddresses.format(connection.local());
                tab.until(SHOWN, client);
                // A burst each way, which the chart shows as bytes a second.
                byte[] burst = new byte[200_000];
                connection.send(burst);
                assertThat(connection.read(burst.length, Duration.ofSeconds(10))).hasSize(burst.length);
                tab.until("return window.statusPage.rates.some(r => r.into >= 50000 && r.out >= 50000)");
                if (screenshots.isPresent()) {
                    // For the picture, a few seconds of traffic that rises and falls, a burst a report.
                    tab.resize(1000, 900);
                    for (int i = 1; i <= 12; i++) {
                        byte[] more = new byte[(6 - Math.abs(6 - i)) * 40_000 + 10_000];
                        connection.send(more);
                        connection.read(more.length, Duration.ofSeconds(10));
                        int seen = tab.script("return window.statusPage.events").asInt();
                        tab.until("return window.statusPage.events > arguments[0]", seen);
                    }
                    screenshot(tab, screenshots.get().resolve("status-page.png"));
                }
                assertThat(tab.script(SHOWN, client).asBoolean()).isTrue();
            }
            tab.until(GONE, client);
            assertThat(tab.script("return document.getElementById('state').textContent").asString()).isEqualTo("live");
            assertThat(chromium.consoleLog()).as("the browser console").isEmpty();
        }
    }

    private static void screenshot(HeadlessChromium.Tab tab, Path file) {
        try {
            Files.createDirectories(file.getParent());
            tab.screenshot("body", file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
