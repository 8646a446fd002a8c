package dev.socklab.services.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** A reload of http's request limits: connections served from then on are held to them; one served before keeps its own. */
@Timeout(20)
class HttpReloadTest {
    private static final String POST_20 = "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n"
            + "x".repeat(20);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void aSmallerBodyLimitHoldsTheNextConnection() throws Exception {
        HttpSettings before = HttpSettings.defaults();
        HttpService service = HttpService.of(before);
        Endpoint http = servers.stream("http", service, StreamTransport.TCP_IPV4.endpoint(null));
        try (HttpClientSocket open = HttpClientSocket.connect(http)) {
            // Served before the reload: the connection holds the limits it began with.
            open.send("GET /status/200 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(open.response("GET").status()).isEqualTo(200);
            ServiceReload reload = service.reload(new FreshSettings() {
                @Override
                public HttpSettings http() {
                    return new HttpSettings(before.root(), before.upload(), before.maxRequestLine(),
                            before.maxHeadBytes(), before.maxFields(), 10, before.headTimeout(),
                            before.requestTimeout(), before.keepAliveTimeout(), before.wsMaxMessage());
                }
            });
            assertThat(reload.changes()).containsExactly("http: --http-max-body: 1048576 -> 10");
            reload.apply().run();

            try (HttpClientSocket next = HttpClientSocket.connect(http)) {
                next.send(POST_20);
                assertThat(next.response("POST").status()).isEqualTo(413);
                assertThat(next.closedWithin(Duration.ofSeconds(5))).isTrue();
            }
            open.send(POST_20);
            assertThat(open.response("POST").status()).isEqualTo(200);
        }
    }
}
