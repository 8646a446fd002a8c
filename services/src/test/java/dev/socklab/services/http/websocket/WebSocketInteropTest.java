package dev.socklab.services.http.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * /ws against Python's websockets (Debian's python3-websockets, importable from /usr/bin/python3
 * only): its library in a script, and its interactive client fed lines as a person types them.
 */
@Timeout(60)
class WebSocketInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The interactive client's cursor moves, around each line it prints, and its prompt. */
    private static final Pattern TERMINAL = Pattern.compile("\u001b(\\[[0-9;]*[A-Za-z]|[78])|^(> )+");

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void pythonsWebsocketsLibraryGetsItsTextBinaryFragmentsAndPongBackAndCloses() throws Exception {
        String url = url(servers.stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir)));
        String script = """
                import asyncio, sys, websockets

                async def main(url):
                    async with websockets.connect(url) as ws:
                        await ws.send("h\\u00e9llo")
                        print("text", await ws.recv())
                        await ws.send(bytes([0, 1, 255]))
                        print("binary", (await ws.recv()).hex())
                        await ws.send(["frag", "ments"])
                        print("fragments", await ws.recv())
                        pong = await ws.ping(b"hi")
                        await asyncio.wait_for(pong, 10)
                        print("pong")
                        await ws.close(1000, "bye")
                        print("closed", ws.close_code, ws.close_reason)
                    async with websockets.connect(url, max_size=None) as ws:
                        # The server's 1009 may come while the message is still going out: then the send raises.
                        try:
                            await ws.send("x" * (1024 * 1024 + 1))
                            await ws.recv()
                        except websockets.ConnectionClosedError:
                            print("too big", ws.close_code)

                asyncio.run(main(sys.argv[1]))
                """;
        try (LabProgram python = LabProgram.start(List.of(requirePythonWebsockets(), "-u",
                Files.writeString(dir.resolve("client.py"), script).toString(), url))) {
            String output = python.outputUntilExit(WAIT);

            assertThat(output.lines()).containsExactly("text héllo", "binary 0001ff", "fragments fragments", "pong",
                    "closed 1000 bye", "too big 1009");
            assertThat(python.exitCode()).isZero();
        }
    }

    @Test
    void pythonsInteractiveClientShowsEachLineComeBackAndClosesNormally() throws Exception {
        String url = url(servers.stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir)));
        try (LabProgram client = LabProgram.start(List.of(requirePythonWebsockets(), "-m", "websockets", url))) {
            awaitLine(client, "Connected to " + url + ".");
            for (String line : List.of("hello", "déjà vu", "<b>not markup</b>")) {
                client.sendLine(line);
                awaitLine(client, "< " + line);
            }
            client.input("");

            String rest = TERMINAL.matcher(client.outputUntilExit(WAIT)).replaceAll("");
            assertThat(rest).contains("Connection closed: 1000 (OK).");
        }
    }

    private static void awaitLine(LabProgram client, String expected) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = client.readLine(WAIT);
            if (line == null) {
                fail("the client ended before printing \"" + expected + "\"");
            }
            if (TERMINAL.matcher(line).replaceAll("").equals(expected)) {
                return;
            }
        }
        fail("the client did not print \"" + expected + "\" within " + WAIT);
    }

    /** /usr/bin/python3, once it is known to import websockets; fails, naming the package, where it does not. */
    private static String requirePythonWebsockets() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing: apt-get install python3 python3-websockets");
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import websockets").redirectErrorStream(true).start();
        if (!check.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            check.destroyForcibly();
            fail(PYTHON + " -c 'import websockets' did not finish within " + WAIT);
        }
        if (check.exitValue() != 0) {
            fail(PYTHON + " cannot import websockets: apt-get install python3-websockets (Debian's package)");
        }
        return PYTHON;
    }

    private static String url(Endpoint http) {
        return "ws://127.0.0.1:" + ((InetSocketAddress) http.address()).getPort() + "/ws";
    }
}
