package dev.socklab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's own HTTP server, {@code python3 -m http.server --protocol HTTP/1.1}, serving a
 * directory on 127.0.0.1 and a port it picks itself: an HTTP server nobody here wrote, for the
 * clients' interop tests. It has no Range requests and answers PUT and POST with 501. It stops
 * when closed.
 */
public final class PythonHttpServer implements AutoCloseable {
    /** Debian's python3: the one whose standard library the tests know. */
    private static final String PYTHON = "/usr/bin/python3";
    /** {@code Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ...}, its first line. */
    private static final Pattern SERVING = Pattern.compile("Serving HTTP on \\S+ port (\\d+)");

    private final Process process;
    private final int port;

    private PythonHttpServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves {@code dir}, once the server says which port it listens on (within 10 s). */
    public static PythonHttpServer serve(Path dir) throws IOException {
        Tools.require("python3");
        Process process = new ProcessBuilder(PYTHON, "-u", "-m", "http.server", "--protocol", "HTTP/1.1",
                "-b", "127.0.0.1", "-d", dir.toString(), "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(10, TimeUnit.SECONDS);
            Matcher serving = SERVING.matcher(line == null ? "" : line);
            if (!serving.find()) {
                throw new IOException("python3 -m http.server did not say where it serves: " + line);
            }
            return new PythonHttpServer(process, Integer.parseInt(serving.group(1)));
        } catch (InterruptedException | ExecutionException | TimeoutException | IOException e) {
            process.destroyForcibly();
            throw new IOException("python3 -m http.server did not start", e);
        }
    }

    /** The port it listens on, at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT} and {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
