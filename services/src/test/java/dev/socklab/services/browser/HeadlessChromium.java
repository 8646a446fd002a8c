package dev.socklab.services.browser;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A headless Chromium that a test drives: Debian's chromium and chromedriver, through Selenium in
 * Debian's {@code /usr/bin/python3} (chromium_driver.py beside this class, which runs Chromium
 * with a fresh profile and no network of its own). Each tab is a page the test opens; a script
 * runs in it and its value comes back as JSON. Closing ends Chromium and the driver, by PID.
 *
 * <pre>{@code
 * try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
 *     HeadlessChromium.Tab tab = chromium.open("http://127.0.0.1:" + port + "/chat");
 *     tab.until("return document.getElementById('status').textContent.startsWith('connected')");
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {
    /** What the tests need installed, with the Debian package that has each. */
    private static final Map<String, String> PROGRAMS = Map.of(
            "/usr/bin/python3", "python3", "/usr/bin/chromium", "chromium", "/usr/bin/chromedriver", "chromium-driver");
    private static final String PACKAGES = "chromium, chromium-driver and python3-selenium";
    /** Chromium's start on two loaded cores takes seconds. */
    private static final Duration START = Duration.ofSeconds(60);
    /** The longest a request other than {@link Tab#until} may take (a page load, a script). */
    private static final Duration REPLY = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path errors;

    private HeadlessChromium(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts Chromium, its driver script and the driver's output in {@code dir}; fails, naming the Debian
     * packages, when they are not installed.
     */
    /** As {@code Tools.require}: CI must run every browser test, so there a missing package fails it; elsewhere it skips. */
    private static void missing(String message) {
        if (System.getenv("CI") != null) {
            fail(message);
        }
        assumeTrue(false, message);
    }

    public static HeadlessChromium start(Path dir) throws IOException {
        PROGRAMS.forEach((program, pkg) -> {
            if (!Files.isExecutable(Path.of(program))) {
                missing(program + " is missing: the browser tests need Debian's " + PACKAGES + " (apt-get install " + pkg
                        + "; .ci/run installs them)");
            }
        });
        Path script = dir.resolve("chromium_driver.py");
        try (InputStream resource = HeadlessChromium.class.getResourceAsStream("chromium_driver.py")) {
            Files.copy(resource, script);
        }
        Path errors = dir.resolve("chromium_driver.err");
        Process process = new ProcessBuilder("/usr/bin/python3", "-u", script.toString())
                .redirectError(errors.toFile()).start();
        HeadlessChromium chromium = new HeadlessChromium(process, errors);
        String first = chromium.line(START);
        if (first == null || !first.startsWith("{\"ready\"")) {
            String why = chromium.errors();
            chromium.close();
            if (why.contains("No module named 'selenium'")) {
                missing("python3-selenium is missing: the browser tests need Debian's " + PACKAGES + " (apt-get install "
                        + "python3-selenium; .ci/run installs them)");
            }
            fail("headless Chromium did not start: " + why);
        }
        return chromium;
    }

    /** Opens {@code url} in a new tab (the first in the window Chromium opened with) once it has loaded. */
    public Tab open(String url) throws IOException {
        return new Tab(request(Map.of("op", "open", "url", url), REPLY).asString());
    }

    /**
     * The browser console's entries since the last call, each as Chromium gives it ({@code level},
     * {@code message}, {@code source}, {@code timestamp}), of every tab.
     */
    public List<JsonNode> consoleLog() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        request(Map.of("op", "log"), REPLY).forEach(entries::add);
        return entries;
    }

    /** One tab, a page in it. */
    public final class Tab {
        private final String handle;

        private Tab(String handle) {
            this.handle = handle;
        }

        /** The value of {@code js} run in the page as a function body ({@code return ...}); {@code args} are {@code arguments}. */
        public JsonNode script(String js, Object... args) throws IOException {
            return request(Map.of("op", "script", "tab", handle, "js", js, "args", List.of(args)), REPLY);
        }

        /**
         * The value {@code js} passes to its callback, the last of {@code arguments}, for a script that waits
         * for an event (a WebSocket's message); within 30 s.
         */
        public JsonNode async(String js, Object... args) throws IOException {
            return request(Map.of("op", "async", "tab", handle, "js", js, "args", List.of(args)), REPLY);
        }

        /**
         * The first truthy value of {@code js} (with {@code args} as {@code arguments}), run again and again for
         * up to 10 s; the test fails if none comes.
         */
        public JsonNode until(String js, Object... args) throws IOException {
            return request(Map.of("op", "until", "tab", handle, "js", js, "args", List.of(args), "seconds", 10), REPLY);
        }

        /** Types {@code text} into the element {@code css} selects, as a person would, then Enter. */
        public void type(String css, String text) throws IOException {
            request(Map.of("op", "type", "tab", handle, "css", css, "text", text), REPLY);
        }

        /** Presses {@code key} down and keeps it there: a character, or a Selenium {@code Keys} name ({@code "ARROW_RIGHT"}). */
        public void keyDown(String key) throws IOException {
            request(Map.of("op", "key", "tab", handle, "key", key, "action", "down"), REPLY);
        }

        /** Lets {@code key} go. */
        public void keyUp(String key) throws IOException {
            request(Map.of("op", "key", "tab", handle, "key", key, "action", "up"), REPLY);
        }

        /** Presses {@code key} and lets it go, as a person taps it. */
        public void press(String key) throws IOException {
            request(Map.of("op", "key", "tab", handle, "key", key, "action", "press"), REPLY);
        }

        /** Resizes the browser's window to {@code width} by {@code height} pixels. */
        public void resize(int width, int height) throws IOException {
            request(Map.of("op", "size", "tab", handle, "width", width, "height", height), REPLY);
        }

        /** Saves a PNG of the element {@code css} selects at {@code file}. */
        public void screenshot(String css, Path file) throws IOException {
            if (!request(Map.of("op", "screenshot", "tab", handle, "css", css, "path", file.toAbsolutePath().toString()),
                    REPLY).asBoolean()) {
                fail("the browser saved no screenshot of " + css + " at " + file);
            }
        }
    }

    private JsonNode request(Map<String, Object> request, Duration timeout) throws IOException {
        in.write(JSON.writeValueAsString(request) + "\n");
        in.flush();
        String line = line(timeout);
        if (line == null) {
            return fail("the browser's driver ended on " + request + ": " + errors());
        }
        JsonNode reply = JSON.readTree(line);
        if (reply.has("error")) {
            return fail("the browser failed " + request + ": " + reply.get("error").asString());
        }
        return reply.get("value");
    }

    /** The driver's next line; null at its end. */
    private String line(Duration timeout) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("the browser's driver answered nothing for " + timeout.toSeconds() + " s: " + errors());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** The end of what the driver wrote to its standard error. */
    private String errors() {
        try {
            String all = Files.readString(errors, StandardCharsets.UTF_8).strip();
            return all.isEmpty() ? "(it wrote nothing to its standard error)" : all.substring(Math.max(0, all.length() - 2000));
        } catch (IOException e) {
            return "(its standard error cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Asks the driver to quit Chromium, then ends the driver if it has not, by PID. */
    @Override
    public void close() {
        try {
            in.write("{\"op\": \"quit\"}\n");
            in.close();
        } catch (IOException e) {
            // The driver has ended already: nothing to ask.
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
