package dev.socklab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program nobody here wrote the socklab way: a Python script written as the lab teaches, or a
 * standard tool such as {@code nc}, run as a process with a deadline. Destroyed on close, by PID.
 */
public final class LabProgram implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;

    private LabProgram(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code python3} on {@code script}, written to a file in {@code dir}, with {@code args}. */
    public static LabProgram python(Path dir, String script, String... args) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "lab", ".py"), script);
        List<String> command = new ArrayList<>(List.of("python3", "-u", file.toString()));
        command.addAll(List.of(args));
        return start(command);
    }

    /** Starts a command; its standard error is merged into its output. */
    public static LabProgram start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        return new LabProgram(builder.start());
    }

    /** The next line the program prints, within {@code timeout}; null at its end. */
    public String readLine(Duration timeout) throws IOException {
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
            throw new AssertionError("the program printed nothing for " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** Writes {@code text} to the program's standard input, then closes it. */
    public void input(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
    }

    /** Writes {@code line} and a newline to the program's standard input, which stays open for more. */
    public void sendLine(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Everything it prints until it exits, byte for byte (CRs kept), within {@code timeout}; fails if it does not exit. */
    public String outputUntilExit(Duration timeout) throws IOException, InterruptedException {
        CompletableFuture<String> all = CompletableFuture.supplyAsync(() -> {
            StringWriter text = new StringWriter();
            try {
                out.transferTo(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text.toString();
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the program did not exit within " + timeout.toMillis() + " ms");
        }
        try {
            return all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** Its exit code, once it has exited. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Its process id, for signals. */
    public long pid() {
        return process.pid();
    }

    /** Waits up to {@code timeout} for it to exit; whether it did. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
