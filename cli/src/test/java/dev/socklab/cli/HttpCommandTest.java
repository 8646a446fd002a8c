package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.PythonHttpServer;
import dev.socklab.testing.ScriptedServer;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * {@code socklab http} run in process against socklab's own http service, Python's HTTP server (a
 * server nobody here wrote), and servers scripted on raw sockets, for ranges and faults neither plays.
 */
@Timeout(60)
@ResourceLock(Resources.SYSTEM_OUT)
// --trace writes to System.err, which other tests capture by replacing it.
@ResourceLock(Resources.SYSTEM_ERR)
class HttpCommandTest {
    private static final byte[] FILE = new byte[200_000];

    static {
        new Random(14).nextBytes(FILE);
    }

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    private Path www;

    @BeforeEach
    void files() throws Exception {
        www = Files.createDirectory(dir.resolve("www"));
        Files.write(www.resolve("blob.bin"), FILE);
        Files.writeString(www.resolve("hello.txt"), "hello, http\n");
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void socklabsServiceEchoesTheRequestItWasSent(StreamTransport transport) throws Exception {
        Run run = run(args(serve(transport), "/anything?lab=14", "--data", "name=socklab", "-H", "X-Lab: yes"));

        assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
        assertThat(run.text()).contains("\"method\"").contains("POST").contains("name=socklab")
                .contains("X-Lab").contains("socklab/");
    }

    @Test
    void anUploadToSocklabsServiceGoesAfterItsContinueAndComesBackWhole() throws Exception {
        Path file = Files.write(dir.resolve("up.bin"), FILE);
        Run run = run(args(serve(StreamTransport.TCP_IPV4), "/echo", "--upload", file.toString(), "--trace"));

        assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
        assertThat(run.out).isEqualTo(FILE);
    }

    @Test
    void aDownloadFromSocklabsServiceIsSavedWhole() throws Exception {
        Path saved = dir.resolve("bytes.bin");
        Run run = run(args(serve(StreamTransport.TCP_IPV4), "/bytes/300000", "-o", saved.toString()));

        assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
        assertThat(saved).hasSize(300_000);
    }

    @Test
    void socklabsChunkedStreamArrivesLineByLine() throws Exception {
        Run run = run(args(serve(StreamTransport.TCP_IPV4), "/stream/3", "-i"));

        assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
        assertThat(run.text()).contains("Transfer-Encoding: chunked");
        assertThat(run.text().substring(run.text().indexOf("\r\n\r\n") + 4).lines()).hasSize(3);
    }

    @Test
    void anErrorStatusFromSocklabsServiceExitsSix() throws Exception {
        Run run = run(args(serve(StreamTransport.TCP_IPV4), "/status/418"));

        assertThat(run.exitCode).isEqualTo(ExitCode.SERVER_REFUSED.code);
        CommandRun.assertOneSentence(run.err, "the server answered 418");
    }

    @Test
    void aCutDownloadFromSocklabsFilesIsResumedAndThenFoundComplete() throws Exception {
        Endpoint files = serve(StreamTransport.TCP_IPV4, filesIn(www));
        Path partial = Files.write(dir.resolve("blob.bin"), Arrays.copyOf(FILE, 50_000));

        Run resumed = run(args(files, "/blob.bin", "-o", partial.toString(), "--continue"));
        assertThat(resumed.exitCode).as("stderr: %s", resumed.err).isZero();
        assertThat(resumed.err).isEmpty();
        assertThat(Files.readAllBytes(partial)).isEqualTo(FILE);

        Run again = run(args(files, "/blob.bin", "-o", partial.toString(), "--continue"));
        assertThat(again.exitCode).as("stderr: %s", again.err).isZero();
        assertThat(again.err).contains("blob.bin is already complete (200000 bytes)");
        assertThat(Files.readAllBytes(partial)).isEqualTo(FILE);
    }

    @Test
    void anUploadToSocklabsFilesCanBeFetchedBack() throws Exception {
        Endpoint files = serve(StreamTransport.TCP_IPV4, filesIn(www));
        Path local = Files.write(dir.resolve("local.bin"), FILE);

        Run put = run(args(files, "/uploaded.bin", "--upload", local.toString()));
        assertThat(put.exitCode).as("stderr: %s", put.err).isZero();

        Run get = run(args(files, "/uploaded.bin"));
        assertThat(get.exitCode).as("stderr: %s", get.err).isZero();
        assertThat(get.out).isEqualTo(FILE);
    }

    @Test
    void theBodyGoesToStandardOutputByteForByte() throws Exception {
        try (PythonHttpServer python = PythonHttpServer.serve(www)) {
            Run run = run("http", python.url("/blob.bin"));

            assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
            assertThat(run.out).isEqualTo(FILE);
            assertThat(run.err).isEmpty();
        }
    }

    @Test
    void withIncludeTheHeadComesFirstAndHeadPrintsItAlone() throws Exception {
        try (PythonHttpServer python = PythonHttpServer.serve(www)) {
            String withHead = run("http", "-i", python.url("/hello.txt")).text();
            assertThat(withHead).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 12\r\n")
                    .endsWith("\r\n\r\nhello, http\n");

            Run head = run("http", "HEAD", python.url("/hello.txt"));
            assertThat(head.exitCode).isZero();
            assertThat(head.text()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n");
        }
    }

    @Test
    void withOutputTheBodyGoesToTheFile() throws Exception {
        Path saved = dir.resolve("saved.bin");
        try (PythonHttpServer python = PythonHttpServer.serve(www)) {
            Run run = run("http", python.url("/blob.bin"), "-o", saved.toString());

            assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
            assertThat(run.out).isEmpty();
            assertThat(Files.readAllBytes(saved)).isEqualTo(FILE);
        }
    }

    @Test
    void anErrorStatusExitsSixWithTheBodyPrintedButNotSaved() throws Exception {
        Path kept = Files.writeString(dir.resolve("kept.txt"), "mine");
        try (PythonHttpServer python = PythonHttpServer.serve(www)) {
            Run printed = run("http", python.url("/missing"));
            assertThat(printed.exitCode).isEqualTo(ExitCode.SERVER_REFUSED.code);
            assertThat(printed.text()).contains("404");
            CommandRun.assertOneSentence(printed.err, "the server answered 404");

            Run saved = run("http", python.url("/missing"), "-o", kept.toString());
            assertThat(saved.exitCode).isEqualTo(ExitCode.SERVER_REFUSED.code);
            CommandRun.assertOneSentence(saved.err, "404", "kept.txt was left as it was");
            assertThat(kept).hasContent("mine");
        }
    }

    @Test
    void aServerThatIgnoresTheRangeHasTheFileWrittenAfresh() throws Exception {
        Path partial = Files.writeString(dir.resolve("blob.bin"), "not the start of the file");
        try (PythonHttpServer python = PythonHttpServer.serve(www)) {
            Run run = run("http", python.url("/blob.bin"), "-o", partial.toString(), "--continue");

            assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
            assertThat(run.err).contains("the whole file (200), not the rest").contains("from the start");
            assertThat(Files.readAllBytes(partial)).isEqualTo(FILE);
        }
    }

    @Test
    void aCutDownloadSaysSoAndContinueFetchesTheRest() throws Exception {
        Path file = dir.resolve("ten.txt");
        try (ScriptedServer cut = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123");
        })) {
            Run run = run("http", "http://127.0.0.1:" + cut.port() + "/ten.txt", "-o", file.toString());

            assertThat(run.exitCode).isEqualTo(ExitCode.NETWORK.code);
            CommandRun.assertOneSentence(run.err, "6 bytes short", "ten.txt holds what came", "--continue");
            assertThat(file).hasContent("0123");
        }
        AtomicReference<String> asked = new AtomicReference<>();
        try (ScriptedServer rest = ScriptedServer.start(client -> {
            asked.set(ScriptedServer.readHead(client));
            ScriptedServer.write(client, "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 4-9/10\r\n"
                    + "Content-Length: 6\r\n\r\n456789");
        })) {
            Run run = run("http", "http://127.0.0.1:" + rest.port() + "/ten.txt", "-o", file.toString(), "-c");

            assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
            assertThat(file).hasContent("0123456789");
        }
        assertThat(asked.get()).contains("\r\nRange: bytes=4-\r\n");
    }

    @Test
    void aFileAlreadyCompleteIsLeftAloneAndThatIsSuccess() throws Exception {
        Path file = Files.writeString(dir.resolve("done.txt"), "0123456789");
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */10\r\n"
                    + "Content-Length: 0\r\n\r\n");
        })) {
            Run run = run("http", "127.0.0.1:" + server.port() + "/done.txt", "-o", file.toString(), "--continue");

            assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
            assertThat(run.err).contains("done.txt is already complete (10 bytes)");
            assertThat(file).hasContent("0123456789");
        }
    }

    @Test
    void aRedirectIsNotFollowedNorSavedAndHeadLeavesTheFileAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("page.html"), "mine");
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 301 Moved Permanently\r\nLocation: /elsewhere\r\n"
                    + "Content-Length: 5\r\n\r\nmoved");
        })) {
            String url = "127.0.0.1:" + server.port() + "/page.html";
            Run redirected = run("http", url, "-o", file.toString());
            assertThat(redirected.exitCode).as("stderr: %s", redirected.err).isZero();
            assertThat(redirected.err).contains("301 Moved Permanently (Location: /elsewhere), not the file");

            Run head = run("http", "HEAD", url, "-o", file.toString());
            assertThat(head.exitCode).isZero();
            assertThat(head.text()).startsWith("HTTP/1.1 301 Moved Permanently\r\n");
        }
        assertThat(file).hasContent("mine");
    }

    @Test
    void dataIsPostedAsAFormWithTheUsersFields() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(client -> {
            String head = ScriptedServer.readHead(client);
            ByteBuffer body = ByteBuffer.allocate(12);
            while (body.hasRemaining() && client.read(body) >= 0) {
                // the body, as long as its Content-Length
            }
            request.set(head + new String(body.array(), StandardCharsets.UTF_8));
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            Run run = run("http", "127.0.0.1:" + server.port() + "/form", "--data", "name=socklab", "-H", "X-Lab: 14",
                    "-H", "User-Agent: lab");

            assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
            assertThat(run.text()).isEqualTo("ok");
        }
        assertThat(request.get()).startsWith("POST /form HTTP/1.1\r\n")
                .contains("\r\nUser-Agent: lab\r\n").doesNotContain("socklab/")
                .contains("\r\nContent-Type: application/x-www-form-urlencoded\r\n")
                .contains("\r\nContent-Length: 12\r\n").contains("\r\nX-Lab: 14\r\n")
                .endsWith("\r\n\r\nname=socklab");
    }

    @Test
    void aUnixSocketIsReachedWithTheUrlsHostInTheHostField() throws Exception {
        Path socket = dir.resolve("http.sock");
        AtomicReference<String> request = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.startUnix(socket, client -> {
            request.set(ScriptedServer.readHead(client));
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nunix");
        })) {
            Run run = run("http", "--unix", socket.toString(), "http://lab.test/health");

            assertThat(run.exitCode).as("stderr: %s", run.err).isZero();
            assertThat(run.text()).isEqualTo("unix");
        }
        assertThat(request.get()).startsWith("GET /health HTTP/1.1\r\nHost: lab.test\r\n");
    }

    @Test
    void aMalformedResponseIsOneSentenceAndExitFour() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "220 smtp.example ESMTP\r\n");
        })) {
            Run run = run("http", "127.0.0.1:" + server.port() + "/");

            assertThat(run.exitCode).isEqualTo(ExitCode.NETWORK.code);
            CommandRun.assertOneSentence(run.err, "the server's response is malformed");
        }
    }

    @Test
    void nothingListeningIsExitFour() throws Exception {
        int port;
        try (ScriptedServer gone = ScriptedServer.start(client -> { })) {
            port = gone.port();
        }
        CommandRun.of("http", "127.0.0.1:" + port + "/").failedWith(ExitCode.NETWORK, "cannot connect", "refused");
    }

    @Test
    void aCommandLineThatCannotBeSentIsAUsageError() {
        CommandRun.of("http", "ftp://localhost/").failedWith(ExitCode.USAGE, "http:// and https://, not ftp://");
        CommandRun.of("http", "localhost/", "--data", "a", "--upload", "f").failedWith(ExitCode.USAGE, "pick one");
        CommandRun.of("http", "localhost/", "--continue").failedWith(ExitCode.USAGE, "-o FILE");
        CommandRun.of("http", "localhost/", "-H", "Bad Name: x").failedWith(ExitCode.USAGE, "header field name");
        CommandRun.of("http", "localhost/", "-H", "X: a\r\nY: b").failedWith(ExitCode.USAGE, "control character");
        CommandRun.of("http", "localhost/", "-H", "Content-Length: 3").failedWith(ExitCode.USAGE, "Content-Length");
        CommandRun.of("http", "GET /", "localhost/").failedWith(ExitCode.USAGE, "not an HTTP method");
        CommandRun.of("http", "localhost/", "--udp").failedWith(ExitCode.USAGE, "not UDP");
        CommandRun.of("http", "localhost/", "--upload", dir.resolve("absent").toString())
                .failedWith(ExitCode.USAGE, "no such file");
    }

    /** Serves socklab's http service, with its defaults, over {@code transport}. */
    private Endpoint serve(StreamTransport transport) {
        return serve(transport, HttpSettings.defaults());
    }

    private Endpoint serve(StreamTransport transport, HttpSettings settings) {
        Server server = servers.start(Server.builder().stream("http", HttpService.of(settings), transport.endpoint(dir)));
        return server.bindings().getFirst().endpoint();
    }

    /** The defaults, with the files of {@code root} served and uploads into it allowed. */
    private static HttpSettings filesIn(Path root) {
        HttpSettings d = HttpSettings.defaults();
        return new HttpSettings(Optional.of(root), true, d.maxRequestLine(), d.maxHeadBytes(), d.maxFields(),
                d.maxBody(), d.headTimeout(), d.requestTimeout(), d.keepAliveTimeout(), d.wsMaxMessage());
    }

    /** {@code http URL} for {@code path} on {@code endpoint}, with {@code --unix} for a Unix socket, then {@code more}. */
    private static String[] args(Endpoint endpoint, String path, String... more) {
        List<String> args = new ArrayList<>(List.of("http"));
        if (endpoint.address() instanceof InetSocketAddress inet) {
            String host = inet.getAddress() instanceof Inet6Address ? "[::1]" : "127.0.0.1";
            args.add("http://" + host + ":" + inet.getPort() + path);
        } else {
            args.addAll(List.of("--unix", endpoint.address().toString(), "http://localhost" + path));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** A run with standard output captured as bytes, and printed as to a pipe. */
    private record Run(int exitCode, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.ISO_8859_1);
        }
    }

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            CommandRun run = CommandRun.printingAsTo(false, args);
            return new Run(run.exitCode(), bytes.toByteArray(), run.err());
        } finally {
            System.setOut(saved);
        }
    }
}
