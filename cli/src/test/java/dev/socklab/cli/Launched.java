package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./socklab} started as a user starts it, from the repository root, its standard output
 * and error each read line by line as they come, so that a test waits on a line with a deadline.
 * Closing it destroys the process, by its PID, if it still runs.
 *
 */
final class Launched implements AutoCloseable {
    /** The repository root: Maven runs the cli module's tests in the module's directory. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path JAR = ROOT.resolve("cli/target/socklab.jar");
    private static final Pattern TABLE_LINE = Pattern.compile("(\\S+)\\s+(tcp|udp|unix|tls)\\s+(\\S+)");

    private final Process process;
    private final Lines out;
    private final Lines err;

    private Launched(Process process) {
        this.process = process;
        this.out = new Lines(process.getInputStream(), "stdout of " + process.pid());
        this.err = new Lines(process.getErrorStream(), "stderr of " + process.pid());
    }

    /** Starts {@code ./socklab args} in the repository root, with this JVM's environment. */
    static Launched socklab(String... args) throws IOException {
        return run(Map.of(), socklabCommand(args));
    }

    /**
     * Starts {@code ./socklab args} with its standard input a pipe, which the test writes with
     * {@link #input(String)} and closes with {@link #endInput()}.
     */
    static Launched socklabReadingInput(String... args) throws IOException {
        return readingInput(socklabCommand(args));
    }

    /** Starts {@code command} in the repository root, with {@code env} overriding this JVM's environment. */
    static Launched run(Map<String, String> env, List<String> command) throws IOException {
        return run(ROOT, env, command);
    }

    /** Starts {@code command} in {@code directory}, with {@code env} overriding this JVM's environment. */
    static Launched run(Path directory, Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        return new Launched(builder.start());
    }

    /** Starts {@code command} in the repository root, its standard input a pipe as in {@link #socklabReadingInput}. */
    static Launched readingInput(List<String> command) throws IOException {
        return new Launched(new ProcessBuilder(command).directory(ROOT.toFile()).start());
    }

    private static List<String> socklabCommand(String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR + " is missing: the *IT tests run after mvn package");
        }
        List<String> command = new ArrayList<>(List.of("./socklab"));
        command.addAll(List.of(args));
        return command;
    }

    /** Writes {@code text} to the process's standard input, UTF-8, at once. */
    void input(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Closes the process's standard input: it reads EOF. */
    void endInput() throws IOException {
        process.getOutputStream().close();
    }

    /** The first line of standard output that {@code test} accepts, waiting for it up to {@code timeout}. */
    String awaitLine(Predicate<String> test, Duration timeout) throws InterruptedException {
        return out.await(test, timeout);
    }

    /** The first line of standard output equal to {@code text}, waiting for it up to {@code timeout}. */
    String awaitLine(String text, Duration timeout) throws InterruptedException {
        return awaitLine(text::equals, timeout);
    }

    /** Waits until {@code count} lines of standard output match {@code test}; returns them. */
    List<String> awaitLines(Predicate<String> test, int count, Duration timeout) throws InterruptedException {
        return out.awaitCount(test, count, timeout);
    }

    /**
     * Waits for {@code serve}'s table to end ({@code Press Ctrl-C to stop.}) and returns the port
     * bound for {@code transport} on {@code address}, such as {@code tcp} (or {@code tls}) and {@code 127.0.0.1}.
     */
    int boundPort(String transport, String address) throws InterruptedException {
        return boundPort(null, transport, address);
    }

    /** The port of {@code service} (any service when null) on {@code transport} and {@code address}, from the table. */
    int boundPort(String service, String transport, String address) throws InterruptedException {
        awaitLine("Press Ctrl-C to stop.", Duration.ofSeconds(20));
        String prefix = address.contains(":") ? "[" + address + "]:" : address + ":";
        for (String line : out.all()) {
            Matcher m = TABLE_LINE.matcher(line);
            if (m.matches() && (service == null || m.group(1).equals(service)) && m.group(2).equals(transport)
                    && m.group(3).startsWith(prefix)) {
                return Integer.parseInt(m.group(3).substring(prefix.length()));
            }
        }
        throw new AssertionError("no " + transport + " " + address + " line in the table: " + out.all());
    }

    /** The first line of standard error that {@code test} accepts, waiting for it up to {@code timeout}. */
    String awaitErrLine(Predicate<String> test, Duration timeout) throws InterruptedException {
        return err.await(test, timeout);
    }

    /** Every line of standard output so far. */
    List<String> outLines() {
        return out.all();
    }

    /** Waits for the process to exit and for both streams to end; its exit code. */
    int exitWithin(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("./socklab did not exit within " + timeout.toMillis() + " ms; output: "
                    + out.all() + "; errors: " + err.all());
        }
        out.awaitEnd(Duration.ofSeconds(5));
        err.awaitEnd(Duration.ofSeconds(5));
        return process.exitValue();
    }

    /** Standard output, whole, once {@link #exitWithin} has returned. */
    String out() {
        return String.join("\n", out.all());
    }

    /** Standard error so far, whole. */
    String err() {
        return String.join("\n", err.all());
    }

    /** The PID, for signals: the launcher execs java, so this is the JVM's. */
    long pid() {
        return process.pid();
    }

    /**
     * Sends SIGTERM, as {@code kill PID} does. Through the process handle: {@code Process.destroy()}
     * would also close the pipes, and with them what the process prints as it stops.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
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

    /** The lines of one stream, collected by a thread of its own and waited on with deadlines. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final String name;
        private boolean ended;

        Lines(InputStream stream, String name) {
            this.name = name;
            Thread.ofPlatform().daemon().name(name).start(() -> pump(stream));
        }

        private void pump(InputStream stream) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process is gone and its pipe with it: the lines so far are all there is.
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        synchronized List<String> all() {
            return List.copyOf(lines);
        }

        synchronized String await(Predicate<String> test, Duration timeout) throws InterruptedException {
            awaitCount(test, 1, timeout);
            return lines.stream().filter(test).findFirst().orElseThrow();
        }

        synchronized List<String> awaitCount(Predicate<String> test, int count, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<String> matching = lines.stream().filter(test).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError((ended ? "the stream ended" : "not within " + timeout.toMillis() + " ms")
                            + " before " + count + " expected line(s) on " + name + "; got: " + lines);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void awaitEnd(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " stayed open " + timeout.toMillis() + " ms after the exit");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
