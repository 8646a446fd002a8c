package dev.socklab.services.http.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.testing.Await;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/**
 * The files and uploads served by a real http service on loopback, to the clients people use:
 * curl, wget and Python's urllib. Each test checks what the client got byte for byte, and
 * afterwards that nothing outside the root was written and no temporary file is left.
 */
@Timeout(60)
class StaticFilesInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "the secret outside the root";
    private static final String EVIL = "<img src=x onerror=alert(1)>.txt";
    private static final int MAX_BODY = 8 * 1024 * 1024;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    Path root;
    Path outside;
    Path client;
    byte[] big;
    String base;
    Map<String, String> outsideBefore;
    HttpSettings settings;

    @BeforeEach
    void serve() throws IOException {
        outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        root = Files.createDirectory(dir.resolve("root"));
        client = Files.createDirectory(dir.resolve("client"));
        Files.writeString(root.resolve("hello.txt"), "hello, files\n");
        big = new byte[3 * 1024 * 1024 + 17];
        new Random(14).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Path docs = Files.createDirectory(root.resolve("docs"));
        Files.writeString(docs.resolve("a.txt"), "a\n");
        Files.writeString(docs.resolve(EVIL), "evil\n");
        Files.writeString(Files.createDirectory(docs.resolve("nested")).resolve("b.txt"), "b\n");
        Files.writeString(docs.resolve(".secret"), SECRET);
        Files.createSymbolicLink(docs.resolve("link-out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createDirectory(root.resolve("up"));
        outsideBefore = contents(outside);

        HttpSettings d = HttpSettings.defaults();
        settings = new HttpSettings(Optional.of(root), true, d.maxRequestLine(), d.maxHeadBytes(),
                d.maxFields(), MAX_BODY, d.headTimeout(), d.requestTimeout(), d.keepAliveTimeout(), d.wsMaxMessage());
        Endpoint bound = servers.stream("http", HttpService.of(settings), StreamTransport.TCP_IPV4.endpoint(dir));
        base = "http://127.0.0.1:" + ((InetSocketAddress) bound.address()).getPort();
    }

    @AfterEach
    void nothingOutsideTheRootWasWrittenAndNoPartIsLeft() throws IOException {
        assertThat(contents(outside)).isEqualTo(outsideBefore);
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void curlGetsAFileAndItsHeadAndARange() throws Exception {
        String curl = Tools.require("curl");
        assertThat(run(curl, "-sS", "-o", client.resolve("big.bin").toString(), "-w", "%{http_code}", base + "/big.bin"))
                .isEqualTo("200");
        assertThat(Files.readAllBytes(client.resolve("big.bin"))).isEqualTo(big);

        String head = run(curl, "-sS", "-I", base + "/big.bin");
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: " + big.length + "\r\n",
                "Accept-Ranges: bytes\r\n", "Content-Type: application/octet-stream\r\n", "ETag: \"",
                "Last-Modified: ", "X-Content-Type-Options: nosniff\r\n");

        assertThat(run(curl, "-sS", "-r", "0-9", "-o", client.resolve("part").toString(), "-w", "%{http_code}",
                base + "/big.bin")).isEqualTo("206");
        assertThat(Files.readAllBytes(client.resolve("part"))).isEqualTo(Arrays.copyOfRange(big, 0, 10));
    }

    @Test
    void curlGetsAFileAndARangeOverAUnixSocket() throws Exception {
        String curl = Tools.require("curl");
        Endpoint unix = servers.stream("http", HttpService.of(settings), StreamTransport.UNIX.endpoint(dir));
        String socket = ((UnixDomainSocketAddress) unix.address()).getPath().toString();
        assertThat(run(curl, "-sS", "--unix-socket", socket, "-o", client.resolve("big.bin").toString(),
                "http://localhost/big.bin")).isEmpty();
        assertThat(Files.readAllBytes(client.resolve("big.bin"))).isEqualTo(big);
        assertThat(run(curl, "-sS", "--unix-socket", socket, "-r", "-3", "-o", client.resolve("tail").toString(),
                "-w", "%{http_code}", "http://localhost/big.bin")).isEqualTo("206");
        assertThat(Files.readAllBytes(client.resolve("tail")))
                .isEqualTo(Arrays.copyOfRange(big, big.length - 3, big.length));
    }

    @Test
    void curlResumesADownloadWhereItsFileEnds() throws Exception {
        String curl = Tools.require("curl");
        Path partial = Files.write(client.resolve("big.bin"), Arrays.copyOfRange(big, 0, 1024 * 1024 + 3));
        assertThat(run(curl, "-sS", "-C", "-", "-o", partial.toString(), "-w", "%{http_code}", base + "/big.bin"))
                .isEqualTo("206");
        assertThat(Files.readAllBytes(partial)).isEqualTo(big);
    }

    @Test
    void curlUploadsWithExpectContinueThenReplacesTheFile() throws Exception {
        String curl = Tools.require("curl");
        Path upload = Files.write(client.resolve("new.bin"), big);
        String verbose = run(curl, "-sS", "-v", "-T", upload.toString(), "-o", "/dev/null", base + "/up/");
        assertThat(verbose).contains("> Expect: 100-continue", "< HTTP/1.1 100 Continue", "< HTTP/1.1 201 Created",
                "< Location: /up/new.bin");
        assertThat(Files.readAllBytes(root.resolve("up/new.bin"))).isEqualTo(big);

        Files.writeString(upload, "smaller now\n");
        assertThat(run(curl, "-sS", "-T", upload.toString(), "-w", "%{http_code}", base + "/up/new.bin"))
                .isEqualTo("204");
        assertThat(Files.readString(root.resolve("up/new.bin"))).isEqualTo("smaller now\n");
    }

    @Test
    void curlUploadPastTheBodyLimitIsRefusedAndLeavesNothing() throws Exception {
        String curl = Tools.require("curl");
        Path upload = Files.write(client.resolve("huge.bin"), new byte[MAX_BODY + 1]);
        assertThat(run(curl, "-sS", "-T", upload.toString(), "-o", "/dev/null", "-w", "%{http_code}",
                base + "/up/huge.bin")).isEqualTo("413");
        assertThat(root.resolve("up/huge.bin")).doesNotExist();
    }

    @Test
    void curlGetsNotModifiedForTheTagOrTheDateItHas() throws Exception {
        String curl = Tools.require("curl");
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        String head = run(curl, "-sS", "-I", base + "/hello.txt");
        String etag = head.lines().filter(l -> l.startsWith("ETag: ")).findFirst().orElseThrow().substring(6);
        assertThat(head).contains("Last-Modified: Fri, 02 Jan 2026 03:04:05 GMT");
        assertThat(run(curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: " + etag,
                base + "/hello.txt")).isEqualTo("304");
        assertThat(run(curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-z", "Fri, 02 Jan 2026 03:04:05 GMT",
                base + "/hello.txt")).isEqualTo("304");
        assertThat(run(curl, "-sS", "-w", "%{http_code}", "-z", "Fri, 02 Jan 2026 03:04:04 GMT", base + "/hello.txt"))
                .isEqualTo("hello, files\n200");
    }

    @Test
    void curlCannotClimbOutOfTheRootAndTheServerServesOnAfterward() throws Exception {
        String curl = Tools.require("curl");
        Map<String, String> expected = new TreeMap<>(Map.of(
                "/../outside/secret.txt", "400",
                "/%2e%2e/outside/secret.txt", "400",
                "/..%2foutside%2fsecret.txt", "400",
                "/..%5coutside%5csecret.txt", "400",
                "/%c0%ae%c0%ae/outside/secret.txt", "400",
                "/hello.txt%00", "400",
                "/%252e%252e/outside/secret.txt", "404",
                "/out/secret.txt", "404",
                "/docs/link-out.txt", "404",
                "/docs/.secret", "404"));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path got = client.resolve("got");
            Files.deleteIfExists(got);
            assertThat(run(curl, "-sS", "--path-as-is", "-o", got.toString(), "-w", "%{http_code}", base + e.getKey()))
                    .as(e.getKey()).isEqualTo(e.getValue());
            assertThat(Files.readString(got)).doesNotContain(SECRET);
        }
        assertThat(run(curl, "-sS", base + "/hello.txt")).isEqualTo("hello, files\n");
    }

    @Test
    void wgetResumesADownload() throws Exception {
        String wget = Tools.require("wget");
        Files.write(client.resolve("big.bin"), Arrays.copyOfRange(big, 0, 2 * 1024 * 1024));
        run(wget, "-q", "-c", "-P", client.toString(), base + "/big.bin");
        assertThat(Files.readAllBytes(client.resolve("big.bin"))).isEqualTo(big);
    }

    @Test
    void wgetMirrorsADirectoryThroughItsListingAndGetsNothingHiddenOrLinked() throws Exception {
        String wget = Tools.require("wget");
        run(wget, "-q", "-r", "-np", "-nH", "-e", "robots=off", "-P", client.toString(), base + "/docs/");
        Map<String, String> mirrored = contents(client.resolve("docs"));
        // wget keeps each listing it followed as index.html.
        assertThat(mirrored.remove("index.html")).contains("&lt;img src=x onerror=alert(1)&gt;.txt");
        assertThat(mirrored.remove("nested/index.html")).contains("<title>Index of /docs/nested/</title>");
        assertThat(mirrored).isEqualTo(Map.of("a.txt", "a\n", EVIL, "evil\n", "nested/b.txt", "b\n"));
        assertThat(client.resolve("outside")).doesNotExist();
    }

    @Test
    void pythonUrllibGetsARangePutsAFileAndHearsNotFoundForAHiddenOne() throws Exception {
        String script = """
                import sys, urllib.request, urllib.error
                base = sys.argv[1]
                r = urllib.request.urlopen(urllib.request.Request(base + "/big.bin", headers={"Range": "bytes=-5"}))
                print(r.status, r.headers["Content-Range"], r.read().hex())
                r = urllib.request.urlopen(urllib.request.Request(base + "/up/py.txt", data=b"from python\\n", method="PUT"))
                print(r.status, r.headers["Location"])
                try:
                    urllib.request.urlopen(base + "/docs/.secret")
                except urllib.error.HTTPError as e:
                    print(e.code)
                r = urllib.request.urlopen(base + "/docs")
                print(r.status, r.url, r.headers["Content-Type"])
                """;
        List<String> lines;
        try (LabProgram python = LabProgram.start(List.of("/usr/bin/python3", "-c", script, base))) {
            lines = python.outputUntilExit(WAIT).lines().toList();
        }
        String tail = java.util.HexFormat.of().formatHex(big, big.length - 5, big.length);
        assertThat(lines).containsExactly(
                "206 bytes " + (big.length - 5) + "-" + (big.length - 1) + "/" + big.length + " " + tail,
                "201 /up/py.txt",
                "404",
                "200 " + base + "/docs/ text/html; charset=utf-8");
        assertThat(Files.readString(root.resolve("up/py.txt"))).isEqualTo("from python\n");
    }

    @Test
    void aCutUploadLeavesNothingAndTheServerServesOthersMeanwhile() throws Exception {
        String curl = Tools.require("curl");
        Endpoint endpoint = servers.server().bindings().getFirst().endpoint();
        try (RawClient cut = RawClient.connect(endpoint)) {
            cut.send("PUT /up/cut.bin HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(5000));
            Await.until(() -> partFiles() == 1, WAIT, "the upload's temporary file");
            assertThat(run(curl, "-sS", base + "/hello.txt")).isEqualTo("hello, files\n");
        }
        Await.until(() -> partFiles() == 0, WAIT, "the temporary file of the cut upload to go");
        assertThat(root.resolve("up/cut.bin")).doesNotExist();
        assertThat(run(curl, "-sS", base + "/hello.txt")).isEqualTo("hello, files\n");
    }

    private long partFiles() {
        try (Stream<Path> all = Files.list(root.resolve("up"))) {
            return all.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String run(String... command) throws Exception {
        try (LabProgram program = LabProgram.start(new ArrayList<>(List.of(command)))) {
            String output = program.outputUntilExit(WAIT);
            assertThat(program.exitCode()).as(String.join(" ", command) + " printed:\n" + output).isZero();
            return output;
        }
    }

    /** Every file under {@code top}, by its relative name, with its text. */
    private static Map<String, String> contents(Path top) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(top.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
