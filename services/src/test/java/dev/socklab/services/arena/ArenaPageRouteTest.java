package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** The arena's page as the http service serves it; ArenaInBrowserTest plays it in a browser. */
@Timeout(30)
class ArenaPageRouteTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private URI page;

    @BeforeEach
    void serve() {
        Endpoint http = servers.stream("http", HttpService.of(HttpSettings.defaults(),
                        new ChatService(ChatSettings.DEFAULTS, Clock.systemDefaultZone()), new Arena(ArenaSettings.DEFAULTS)),
                StreamTransport.TCP_IPV4.endpoint(dir));
        page = URI.create("http://127.0.0.1:" + ((InetSocketAddress) http.address()).getPort() + "/arena");
    }

    @Test
    void thePageIsSelfContainedSpeaksBinaryToItsOwnSocketAndDrawsNamesOnlyOnItsCanvas() throws Exception {
        HttpResponse<String> answer = send("GET");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-cache");
        String html = answer.body();
        // Nothing fetched from anywhere, not even a favicon: the page is all there is.
        assertThat(Pattern.compile("(src|href)\\s*=\\s*\"(?!data:)").matcher(html).find()).isFalse();
        assertThat(html).contains("<link rel=\"icon\" href=\"data:,\">", "<canvas id=\"arena\"", "new WebSocket(",
                        "'/arena/ws'", "binaryType = 'arraybuffer'", "new DataView(", "fillText(")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    void onlyThePagesOwnScriptAndStyleMayRunAndItConnectsOnlyToItsOwnOrigin() throws Exception {
        String policy = send("GET").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(policy).startsWith("default-src 'none'; connect-src 'self'; img-src data:; ")
                .matches(".*script-src 'sha256-[A-Za-z0-9+/]{43}='; style-src 'sha256-[A-Za-z0-9+/]{43}='")
                .doesNotContain("unsafe");
    }

    @Test
    void headGetsThePagesFieldsAndOtherMethodsAreRefusedWithTheAllowedOnes() throws Exception {
        HttpResponse<String> head = send("HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(head.body()).isEmpty();

        HttpResponse<String> post = send("POST");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(post.body()).isEqualTo("/arena answers GET and HEAD, not POST\n");
    }

    @Test
    void thePageInTheJarIsTheOneServed() throws Exception {
        try (InputStream in = ArenaPageRoute.class.getResourceAsStream("arena.html")) {
            assertThat(send("GET").body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private HttpResponse<String> send(String method) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(page).version(HttpClient.Version.HTTP_1_1)
                            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
