package dev.socklab.services.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** The http service's static files in headless Chromium: a listing, a page, a range and a 304, with a clean console. */
@Timeout(60)
class StaticFilesInBrowserTest {
    /** Fetches arguments[0] for four bytes, then again with the ETag it got, and reports both statuses and the bytes. */
    private static final String RANGE_AND_REVALIDATION = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const part = await fetch(arguments[0], {headers: {Range: 'bytes=0-3'}, cache: 'no-store'});
              const bytes = await part.text();
              const whole = await fetch(arguments[0], {cache: 'no-store'});
              const etag = whole.headers.get('ETag');
              await whole.text();
              const again = await fetch(arguments[0], {headers: {'If-None-Match': etag}, cache: 'no-store'});
              done({partStatus: part.status, bytes: bytes, range: part.headers.get('Content-Range'),
                    againStatus: again.status});
            })().catch(e => done({error: String(e)}));
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void aBrowserListsTheRootOpensAPageAndGetsARangeAndA304() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("a file.txt"), "hello, browser");
        Files.writeString(www.resolve(".secret"), "hidden");
        Files.createDirectory(www.resolve("sub"));
        Files.writeString(www.resolve("sub").resolve("page.html"), "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<link rel=\"icon\" href=\"data:,\"><title>page</title></head><body><p id=\"p\">served</p></body></html>");
        HttpSettings d = HttpSettings.defaults();
        HttpSettings settings = new HttpSettings(Optional.of(www), false, d.maxRequestLine(), d.maxHeadBytes(),
                d.maxFields(), d.maxBody(), d.headTimeout(), d.requestTimeout(), d.keepAliveTimeout(), d.wsMaxMessage());
        Endpoint http = servers.stream("http", HttpService.of(settings), StreamTransport.TCP_IPV4.endpoint(dir));
        String base = "http://127.0.0.1:" + ((InetSocketAddress) http.address()).getPort();

        try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
            HeadlessChromium.Tab tab = chromium.open(base + "/");
            JsonNode links = tab.script("return [...document.querySelectorAll('a')].map(a => a.textContent);");
            assertThat(links.toString()).isEqualTo("[\"a file.txt\",\"sub/\"]");

            tab = chromium.open(base + "/sub");
            assertThat(tab.script("return location.pathname;").asString()).as("the 301 to the slash").isEqualTo("/sub/");
            tab = chromium.open(base + "/sub/page.html");
            assertThat(tab.script("return document.getElementById('p').textContent;").asString()).isEqualTo("served");

            JsonNode result = tab.async(RANGE_AND_REVALIDATION, base + "/a%20file.txt");
            assertThat(result.has("error")).as("%s", result).isFalse();
            assertThat(result.get("partStatus").asInt()).isEqualTo(206);
            assertThat(result.get("bytes").asString()).isEqualTo("hell");
            assertThat(result.get("range").asString()).isEqualTo("bytes 0-3/14");
            assertThat(result.get("againStatus").asInt()).isEqualTo(304);
            assertThat(chromium.consoleLog()).as("the browser console").isEmpty();
        }
    }
}
