package dev.socklab.services.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Server;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/** The http service under the keep-alive load generators people use on it: h2load --h1 and ab -k. */
@Timeout(120)
class HttpLoadInteropTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    String url;

    @BeforeEach
    void start() {
        Server server = servers.start(Server.builder()
                .stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir)));
        url = "http://127.0.0.1:" + ((java.net.InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort()
                + "/bytes/64";
    }

    @Test
    void h2loadGets2000ResponsesOver10KeptAliveConnectionsAllOk() throws Exception {
        Tools.require("h2load");

        String out = run("h2load", "--h1", "-n", "2000", "-c", "10", "-t", "1", url);

        assertThat(out).contains("requests: 2000 total, 2000 started, 2000 done, 2000 succeeded, 0 failed, 0 errored,"
                + " 0 timeout", "status codes: 2000 2xx, 0 3xx, 0 4xx, 0 5xx", "Application protocol: http/1.1");
    }

    @Test
    void apacheBenchWithKeepAliveGets2000ResponsesWithoutAFailure() throws Exception {
        Tools.require("ab");

        String out = run("ab", "-k", "-n", "2000", "-c", "10", url);

        assertThat(out).containsPattern("Complete requests: +2000").containsPattern("Failed requests: +0")
                .containsPattern("Keep-Alive requests: +2000").containsPattern("Document Length: +64 bytes")
                .doesNotContain("Non-2xx responses");
    }

    private static String run(String... command) throws Exception {
        try (LabProgram program = LabProgram.start(List.of(command))) {
            String out = program.outputUntilExit(Duration.ofSeconds(90));
            assertThat(program.exitCode()).as("%s exits 0; it printed:%n%s", command[0], out).isZero();
            return out;
        }
    }
}
