package dev.socklab.services.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;

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

/** The http service's {@code /ws} in headless Chromium: the browser's own WebSocket, from a page socklab serves. */
@Timeout(60)
class WebSocketInBrowserTest {
    /** Opens arguments[0], sends a text and a binary message, closes once both are back, and reports. */
    private static final String ECHO = """
            const done = arguments[arguments.length - 1];
            const socket = new WebSocket(arguments[0]);
            socket.binaryType = 'arraybuffer';
            const got = [];
            socket.onopen = () => {
              socket.send(arguments[1]);
              socket.send(new Uint8Array([0, 1, 2, 255]));
            };
            socket.onmessage = (event) => {
              got.push(typeof event.data === 'string' ? event.data : Array.from(new Uint8Array(event.data)));
              if (got.length === 2) {
                socket.close(1000, 'done');
              }
            };
            socket.onclose = (event) => done({got: got, code: event.code, reason: event.reason, clean: event.wasClean});
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void aPageScriptsWebSocketGetsItsTextAndBinaryMessagesBackAndAnAnsweredClose() throws Exception {
        Endpoint http = servers.stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir));
        String host = "127.0.0.1:" + ((InetSocketAddress) http.address()).getPort();
        String text = "hello from Chromium, é ✓ " + "x".repeat(70_000);

        try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
            // Any page of socklab's gives the script its origin; the chat's has no favicon to fetch.
            HeadlessChromium.Tab tab = chromium.open("http://" + host + "/chat");
            JsonNode result = tab.async(ECHO, "ws://" + host + "/ws", text);

            assertThat(result.get("got").get(0).asString()).isEqualTo(text);
            assertThat(result.get("got").get(1).toString()).isEqualTo("[0,1,2,255]");
            assertThat(result.get("code").asInt()).isEqualTo(1000);
            assertThat(result.get("reason").asString()).isEqualTo("done");
            assertThat(result.get("clean").asBoolean()).isTrue();
            assertThat(chromium.consoleLog()).as("the browser console").isEmpty();
        }
    }
}
