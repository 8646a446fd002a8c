package dev.socklab.services.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
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
 * bytes on the chart, the log's lines (as text, markup and all), and drops the connection once the
 * test closes it.
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

        try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
            HeadlessChromium.Tab tab = chromium.open("http://127.0.0.1:" + port + "/");
            tab.until("return window.statusPage.state === 'live'");
            assertThat(tab.script("return document.querySelector('#services tbody').textContent").asString())
                    .contains("echo", "admin", SocketAddresses.format(echo.address()));
            assertThat(tab.until("return document.getElementById('log').textContent").asString())
                    .contains("WARN a line the page shows <b>as text</b>");
            assertThat(tab.script("return document.querySelector('#log b') === null").asBoolean()).isTrue();

            String client;
            try (RawClient connection = RawClient.connect(echo)) {
                client = SocketAddresses.format(connection.local());
                tab.until(SHOWN, client);
                // A burst each way, which the chart shows as bytes a second.
                byte[] burst = new byte[200_000];
                connection.send(burst);
                assertThat(connection.read(burst.length, Duration.ofSeconds(10))).hasSize(burst.length);
                tab.until("return window.statusPage.rates.some(r => r.into >= 50000 && r.out >= 50000)");
                assertThat(tab.script(SHOWN, client).asBoolean()).isTrue();
            }
            tab.until(GONE, client);
            assertThat(tab.script("return document.getElementById('state').textContent").asString()).isEqualTo("live");
            assertThat(chromium.consoleLog()).as("the browser console").isEmpty();
        }
    }
}
