package dev.socklab.services.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/** The http service against clients nobody here wrote: curl, and Python's own http.client and urllib. */
@Timeout(60)
class HttpInteropTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    String base;

    @BeforeEach
    void start() {
        Server server = servers.start(Server.builder()
                .stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir)));
        base = "http://127.0.0.1:" + ((java.net.InetSocketAddress) server.bindings().getFirst().endpoint().address()).getPort();
    }

    private String run(String... command) throws Exception {
        try (LabProgram program = LabProgram.start(List.of(command))) {
            String out = program.outputUntilExit(Duration.ofSeconds(30));
            assertThat(program.exitCode()).as("%s exits 0; it printed:%n%s", command[0], out).isZero();
            return out;
        }
    }

    @Test
    void curlFetchesSeveralUrlsOverOneConnection() throws Exception {
        Tools.require("curl");
        String out = run("curl", "-sS", "-v", base + "/anything?n=1", base + "/status/204", base + "/ip");
        assertThat(out).contains("\"n\" : [ \"1\" ]", "HTTP/1.1 204 No Content", "Re-using existing connection");
    }

    @Test
    void curlHeadAndSseAndAnUploadWithExpect100Continue() throws Exception {
        Tools.require("curl");
        assertThat(run("curl", "-sS", "-I", base + "/bytes/64")).contains("HTTP/1.1 200 OK", "Content-Length: 64");
        assertThat(run("curl", "-sS", "-N", base + "/sse?count=2&interval=0.01")).contains("id: 1", "id: 2");
        byte[] upload = new byte[200_000];
        new java.util.Random(1).nextBytes(upload);
        Path file = Files.write(dir.resolve("up.bin"), upload);
        Path back = dir.resolve("back.bin");
        // curl sends Expect: 100-continue for a body this large, and waits for the 100.
        String out = run("curl", "-sS", "-v", "-T", file.toString(), "-o", back.toString(), base + "/echo");
        assertThat(out).contains("Expect: 100-continue", "HTTP/1.1 100 Continue");
        assertThat(Files.readAllBytes(back)).isEqualTo(upload);
    }

    @Test
    void pythonHttpClientKeepsTheConnectionAndUrllibPostsJson() throws Exception {
        String script = """
                import http.client, json, sys, urllib.request
                host, port = sys.argv[1], int(sys.argv[2])
                c = http.client.HTTPConnection(host, port, timeout=10)
                ports = set()
                for i in range(3):
                    c.request("GET", "/anything?i=%d" % i)
                    r = c.getresponse()
                    body = json.loads(r.read())
                    ports.add(body["client"]["port"])
                print("one connection" if len(ports) == 1 else "several connections", ports)
                req = urllib.request.Request("http://%s:%d/anything" % (host, port), data=b'{"a": 1}',
                                             headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(req, timeout=10) as r:
                    print(r.status, json.loads(r.read())["body"])
                """;
        Path file = Files.writeString(dir.resolve("client.py"), script);
        java.net.URI uri = java.net.URI.create(base);
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-u", file.toString(), uri.getHost(),
                String.valueOf(uri.getPort())));
        String out = run(command.toArray(String[]::new));
        assertThat(out).contains("one connection", "200 {\"a\": 1}");
    }
}
