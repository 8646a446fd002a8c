package dev.socklab.services.http.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.http.HttpException;
import dev.socklab.runtime.SettingException;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;

class StaticFilesTest {
    private static final String SECRET = "the secret outside the root";
    private static final String EVIL = "<img src=x onerror=alert(1)>.txt";

    @TempDir
    Path dir;
    Path root;
    Path outside;
    byte[] data;

    @BeforeEach
    void tree() throws IOException {
        outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello, files\n");
        data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        Files.write(root.resolve("data.bin"), data);
        Files.writeString(root.resolve(".hidden"), SECRET);
        Files.writeString(Files.createDirectory(root.resolve(".git")).resolve("config"), SECRET);
        Files.writeString(Files.createDirectory(root.resolve("site")).resolve("index.html"), "<p>site</p>");
        Path docs = Files.createDirectory(root.resolve("docs"));
        Files.writeString(docs.resolve("a.txt"), "a");
        Files.writeString(docs.resolve(EVIL), "evil");
        Files.writeString(docs.resolve("b &c.txt"), "b");
        Files.createDirectory(docs.resolve("nested"));
        Files.writeString(docs.resolve(".secret"), SECRET);
        Files.createSymbolicLink(docs.resolve("link-out.txt"), Path.of("../../outside/secret.txt"));
        Files.createSymbolicLink(docs.resolve("link-in.txt"), Path.of("a.txt"));
        Files.createSymbolicLink(root.resolve("out"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("absolute.txt"), outside.resolve("secret.txt").toAbsolutePath());
        // A link to an index.html outside: a directory's index is not served through a link either.
        Files.writeString(outside.resolve("index.html"), SECRET);
        Files.createSymbolicLink(Files.createDirectory(root.resolve("linked-index")).resolve("index.html"),
                outside.resolve("index.html").toAbsolutePath());
    }

    @Test
    void getSendsTheFileWithItsTypeValidatorsAndAcceptRanges() throws Exception {
        RecordedExchange get = serve(files(false), RecordedExchange.of("GET", "/hello.txt"));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.text()).isEqualTo("hello, files\n");
        assertThat(get.field("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(get.field("Accept-Ranges")).isEqualTo("bytes");
        assertThat(get.field("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(get.field("ETag")).matches("\"d-[0-9a-f]+\"");
        assertThat(get.field("Last-Modified")).endsWith(" GMT");
        RecordedExchange head = serve(files(false), RecordedExchange.of("HEAD", "/hello.txt"));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.fields().all()).isEqualTo(get.fields().all());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/out/secret.txt", "/out/", "/out", "/absolute.txt", "/docs/link-out.txt", "/docs/link-in.txt",
        "/.hidden", "/.git/config", "/.git/", "/docs/.secret",
        "/%252e%252e/outside/secret.txt", "/..%252foutside/secret.txt", "/hello.txt/", "/missing", "/docs/missing/"
    })
    void hiddenNamesLinksAndWhatIsNotThereAreNotFound(String target) throws Exception {
        assertThatThrownBy(() -> serve(files(false), RecordedExchange.of("GET", target)))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../outside/secret.txt", "/%2e%2e/outside/secret.txt", "/%2e%2e%2foutside%2fsecret.txt",
        "/..%2foutside/secret.txt", "/..%5coutside%5csecret.txt", "/..\\outside\\secret.txt",
        "/%c0%ae%c0%ae/outside/secret.txt", "/%c0%afoutside", "/hello.txt%00.png", "/docs/../../outside/secret.txt"
    })
    void pathsThatCouldClimbOutAreBadRequests(String target) throws Exception {
        for (String method : new String[] {"GET", "PUT"}) {
            assertThatThrownBy(() -> serve(files(true), RecordedExchange.of(method, target)))
                    .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThat(contents(outside)).containsOnlyKeys("secret.txt", "index.html");
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirectedToItKeepingTheQuery() throws Exception {
        RecordedExchange docs = serve(files(false), RecordedExchange.of("GET", "/docs?x=1"));
        assertThat(docs.status()).isEqualTo(301);
        assertThat(docs.field("Location")).isEqualTo("/docs/?x=1");
        // Rebuilt from the names, so "//host" can never come out as a protocol-relative redirect.
        RecordedExchange slashes = serve(files(false), RecordedExchange.of("GET", "//docs"));
        assertThat(slashes.field("Location")).isEqualTo("/docs/");
    }

    @Test
    void aDirectoryWithAnIndexServesIt() throws Exception {
        RecordedExchange site = serve(files(false), RecordedExchange.of("GET", "/site/"));
        assertThat(site.status()).isEqualTo(200);
        assertThat(site.text()).isEqualTo("<p>site</p>");
        assertThat(site.field("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void anIndexThatIsALinkIsNotServedAndTheDirectoryIsListedWithoutIt() throws Exception {
        RecordedExchange linked = serve(files(false), RecordedExchange.of("GET", "/linked-index/"));
        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.text()).contains("Index of /linked-index/").doesNotContain("index.html", SECRET);
    }

    @Test
    void theListingEscapesNamesLeavesOutHiddenNamesAndLinksAndSortsWithDirectoriesSlashed() throws Exception {
        RecordedExchange docs = serve(files(false), RecordedExchange.of("GET", "/docs/"));
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.field("Content-Type")).isEqualTo("text/html; charset=utf-8");
        String page = docs.text();
        assertThat(page).doesNotContain("<img", "link-out", "link-in", ".secret", SECRET)
                .contains("<title>Index of /docs/</title>")
                .contains("<li><a href=\"../\">../</a></li>")
                .contains("<li><a href=\"%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt\">"
                        + "&lt;img src=x onerror=alert(1)&gt;.txt</a></li>")
                .contains("<li><a href=\"b%20%26c.txt\">b &amp;c.txt</a></li>")
                .contains("<li><a href=\"nested/\">nested/</a></li>");
        assertThat(page.indexOf("&lt;img")).isLessThan(page.indexOf(">a.txt<"));
        assertThat(page.indexOf(">a.txt<")).isLessThan(page.indexOf(">b &amp;c.txt<"));
        assertThat(page.indexOf(">b &amp;c.txt<")).isLessThan(page.indexOf(">nested/<"));
    }

    /** The page holds at most {@link Listing#SHOWN} entries, the first by name, and says how many more there are. */
    @Test
    @Tag("no-engine")
    void aLargeDirectorysListingShowsItsFirstTenThousandNamesInOrderAndCountsTheRest() throws Exception {
        Path many = Files.createDirectory(root.resolve("many"));
        // Made last first: the page's order is the names', not the directory's.
        for (int i = Listing.SHOWN + 4; i >= 0; i--) {
            Files.createFile(many.resolve("f%05d".formatted(i)));
        }
        String page = serve(files(false), RecordedExchange.of("GET", "/many/")).text();
        List<String> shown = page.lines().filter(line -> line.startsWith("<li><a href=\"f")).toList();
        assertThat(shown).hasSize(Listing.SHOWN).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(shown.getFirst()).isEqualTo("<li><a href=\"f00000\">f00000</a></li>");
        assertThat(shown.getLast()).isEqualTo("<li><a href=\"f09999\">f09999</a></li>");
        assertThat(page).contains("</ul>\n<p>and 5 more entries, not shown: a listing shows the first 10000 by name.</p>\n"
                + "</body>");
    }

    @Test
    void theRootsListingHasNoParentAndNoHiddenOrLinkedEntries() throws Exception {
        String page = serve(files(false), RecordedExchange.of("GET", "/")).text();
        assertThat(page).doesNotContain("../", ".git", ".hidden", "absolute.txt", "\"out/\"")
                .contains("href=\"data.bin\"", "href=\"docs/\"", "href=\"hello.txt\"", "href=\"site/\"");
    }

    @Test
    void otherMethodsOfRfc9110AreNotAllowedAndUnknownOnesNotImplemented() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "CONNECT"}) {
            RecordedExchange refused = serve(files(false), RecordedExchange.of(method, "/hello.txt"));
            assertThat(refused.status()).isEqualTo(405);
            assertThat(refused.field("Allow")).isEqualTo("GET, HEAD");
        }
        assertThat(serve(files(true), RecordedExchange.of("DELETE", "/hello.txt")).field("Allow"))
                .isEqualTo("GET, HEAD, PUT");
        for (String method : new String[] {"FOO", "get", "PROPFIND"}) {
            assertThatThrownBy(() -> serve(files(false), RecordedExchange.of(method, "/hello.txt")))
                    .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(501));
        }
    }

    @Test
    void aCurrentCopyIsNotModified() throws Exception {
        RecordedExchange first = serve(files(false), RecordedExchange.of("GET", "/data.bin"));
        String etag = first.field("ETag");
        RecordedExchange byTag = serve(files(false), RecordedExchange.of("GET", "/data.bin", "If-None-Match", etag));
        assertThat(byTag.status()).isEqualTo(304);
        assertThat(byTag.sent()).isEmpty();
        assertThat(byTag.field("ETag")).isEqualTo(etag);
        RecordedExchange byDate = serve(files(false), RecordedExchange.of("HEAD", "/data.bin",
                "If-Modified-Since", first.field("Last-Modified")));
        assertThat(byDate.status()).isEqualTo(304);
        RecordedExchange otherTag = serve(files(false), RecordedExchange.of("GET", "/data.bin",
                "If-None-Match", "\"other\"", "If-Modified-Since", first.field("Last-Modified")));
        assertThat(otherTag.status()).isEqualTo(200);
    }

    @Test
    void aSingleRangeIsPartialContent() throws Exception {
        RecordedExchange part = serve(files(false), RecordedExchange.of("GET", "/data.bin", "Range", "bytes=10-19"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.field("Content-Range")).isEqualTo("bytes 10-19/1000");
        assertThat(part.sent()).isEqualTo(Arrays.copyOfRange(data, 10, 20));
        RecordedExchange tail = serve(files(false), RecordedExchange.of("GET", "/data.bin", "Range", "bytes=-5"));
        assertThat(tail.field("Content-Range")).isEqualTo("bytes 995-999/1000");
        assertThat(tail.sent()).isEqualTo(Arrays.copyOfRange(data, 995, 1000));
    }

    @Test
    void aRangePastTheEndIsUnsatisfiableAndSeveralRangesGetTheWholeFile() throws Exception {
        RecordedExchange past = serve(files(false), RecordedExchange.of("GET", "/data.bin", "Range", "bytes=1000-"));
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.field("Content-Range")).isEqualTo("bytes */1000");
        RecordedExchange several = serve(files(false), RecordedExchange.of("GET", "/data.bin",
                "Range", "bytes=0-1,5-6"));
        assertThat(several.status()).isEqualTo(200);
        assertThat(several.sent()).isEqualTo(data);
    }

    @Test
    void aRangeOfAnotherVersionGetsTheWholeFile() throws Exception {
        String etag = serve(files(false), RecordedExchange.of("HEAD", "/data.bin")).field("ETag");
        RecordedExchange same = serve(files(false), RecordedExchange.of("GET", "/data.bin",
                "Range", "bytes=0-0", "If-Range", etag));
        assertThat(same.status()).isEqualTo(206);
        RecordedExchange other = serve(files(false), RecordedExchange.of("GET", "/data.bin",
                "Range", "bytes=0-0", "If-Range", "\"old\""));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.sent()).isEqualTo(data);
    }

    @Test
    void putStoresANewFileThenReplacesIt() throws Exception {
        RecordedExchange created = serve(files(true), put("/docs/new.txt", body("first")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.field("Location")).isEqualTo("/docs/new.txt");
        assertThat(Files.readString(root.resolve("docs/new.txt"))).isEqualTo("first");
        RecordedExchange replaced = serve(files(true), put("/docs/new.txt", body("second")));
        assertThat(replaced.status()).isEqualTo(204);
        assertThat(replaced.sent()).isEmpty();
        assertThat(Files.readString(root.resolve("docs/new.txt"))).isEqualTo("second");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aCutUploadLeavesNothingBehindAndTheOldFileWhole() throws Exception {
        Files.writeString(root.resolve("kept.txt"), "old");
        InputStream cut = new SequenceInputStream(body("x".repeat(100_000)), failing(new IOException("Connection reset")));
        assertThatThrownBy(() -> serve(files(true), put("/kept.txt", cut))).isInstanceOf(IOException.class)
                .hasMessage("Connection reset");
        InputStream cutNew = new SequenceInputStream(body("y".repeat(10)), failing(new IOException("Connection reset")));
        assertThatThrownBy(() -> serve(files(true), put("/docs/never.txt", cutNew))).isInstanceOf(IOException.class);
        assertThat(Files.readString(root.resolve("kept.txt"))).isEqualTo("old");
        assertThat(root.resolve("docs/never.txt")).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void anUploadPastTheBodyLimitIsTooLargeAndLeavesNothingBehind() throws Exception {
        IOException tooLarge = new IOException("past the limit", new HttpException(413, "The body is too large."));
        InputStream over = new SequenceInputStream(body("z".repeat(1000)), failing(tooLarge));
        assertThatThrownBy(() -> serve(files(true), put("/big.bin", over)))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(root.resolve("big.bin")).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void putNeverMakesDirectoriesNorReplacesADirectoryOrALinkNorWritesAHiddenName() throws Exception {
        Map<String, String> before = contents(outside);
        assertStatus(409, put("/nowhere/file.txt", body("x")));
        assertStatus(409, put("/docs", body("x")));
        assertStatus(409, put("/absolute.txt", body("x")));
        assertStatus(409, put("/docs/link-out.txt", body("x")));
        assertStatus(409, put("/out/secret.txt", body("x")));
        assertStatus(409, put("/.git/config", body("x")));
        assertStatus(403, put("/.htaccess", body("x")));
        assertStatus(400, put("/docs/", body("x")));
        assertThat(contents(outside)).isEqualTo(before);
        assertThat(Files.isSymbolicLink(root.resolve("absolute.txt"))).isTrue();
        assertThat(root.resolve("nowhere")).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void theRootMustBeAReadableDirectory() throws IOException {
        assertThatThrownBy(() -> new StaticFiles(dir.resolve("missing"), false)).isInstanceOf(SettingException.class)
                .hasMessage("--http-root " + dir.resolve("missing") + " cannot be served (no such file): name a directory that exists");
        assertThatThrownBy(() -> new StaticFiles(root.resolve("hello.txt"), false)).isInstanceOf(SettingException.class)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void theServiceRefusesUploadsWithoutARoot() {
        HttpSettings d = HttpSettings.defaults();
        HttpSettings uploadsOnly = new HttpSettings(Optional.empty(), true, d.maxRequestLine(), d.maxHeadBytes(),
                d.maxFields(), d.maxBody(), d.headTimeout(), d.requestTimeout(), d.keepAliveTimeout(), d.wsMaxMessage());
        assertThatThrownBy(() -> HttpService.of(uploadsOnly)).isInstanceOf(SettingException.class)
                .hasMessage("--http-upload needs --http-root DIR, the directory that uploads go into");
    }

    private StaticFiles files(boolean upload) {
        return new StaticFiles(root, upload);
    }

    private static RecordedExchange serve(StaticFiles files, RecordedExchange exchange) throws Exception {
        files.handle(exchange);
        return exchange;
    }

    private void assertStatus(int status, RecordedExchange exchange) {
        assertThatThrownBy(() -> serve(files(true), exchange))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static RecordedExchange put(String target, InputStream body) {
        return RecordedExchange.with("PUT", target, body);
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream failing(IOException failure) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        };
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Every file under {@code top}, by its relative name, with its contents: what must not change. */
    private static Map<String, String> contents(Path top) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(top.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
