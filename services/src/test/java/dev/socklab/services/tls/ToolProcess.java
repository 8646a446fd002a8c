package dev.socklab.services.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.socklab.testing.Await;

/**
 * A TLS client nobody here wrote (openssl, ncat, socat, curl), run as a process: what it prints
 * is collected byte for byte as it comes, its standard output apart from its diagnostics, so
 * that a test can wait for a line, then type the next. Destroyed on close, by PID.
 */
final class ToolProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread outReader;
    private final Thread errReader;

    private ToolProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.outReader = Thread.ofVirtual().start(() -> collect(process.getInputStream(), out));
        this.errReader = Thread.ofVirtual().start(() -> collect(process.getErrorStream(), err));
    }

    /** Starts {@code command}. */
    static ToolProcess start(List<String> command) throws IOException {
        return new ToolProcess(command, new ProcessBuilder(command).start());
    }

    private static void collect(InputStream from, ByteArrayOutputStream into) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                synchronized (into) {
                    into.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // Destroyed while reading: what came before is what the test looks at.
        }
    }

    /** Types {@code text} on its standard input, which stays open. */
    ToolProcess send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
        return this;
    }

    /** Ends its standard input. */
    ToolProcess closeInput() throws IOException {
        process.getOutputStream().close();
        return this;
    }

    /** Its standard output so far. */
    byte[] bytes() {
        synchronized (out) {
            return out.toByteArray();
        }
    }

    /** Its standard output so far, as text. */
    String output() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** What it said on its standard error so far. */
    String errors() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Its standard output once it satisfies {@code test}, waiting up to {@code timeout}. */
    String awaitOutput(Predicate<String> test, Duration timeout) {
        try {
            Await.until(() -> test.test(output()), timeout, "the output expected");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " of " + this, e);
        }
        return output();
    }

    /** Its standard output once it contains {@code text}, waiting up to 10 s. */
    String awaitOutput(String text) {
        return awaitOutput(o -> o.contains(text), Duration.ofSeconds(10));
    }

    /** Waits up to {@code timeout} for it to exit, and for all it printed: its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(this + " did not exit within " + timeout.toMillis() + " ms");
        }
        outReader.join(timeout);
        errReader.join(timeout);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command) + " (printed: " + output() + "; said: " + errors() + ")";
    }
}
