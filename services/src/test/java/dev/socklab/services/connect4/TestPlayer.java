package dev.socklab.services.connect4;

import static org.assertj.core.api.Assertions.fail;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.RawClient;

/** A connect4 player as a test drives it, over a plain socket: lines in, lines out. */
final class TestPlayer implements Closeable {
    static final Duration WAIT = Duration.ofSeconds(10);
    /** The most lines {@link #await} reads looking for one: a test that misses its line fails, never hangs. */
    private static final int MAX_SKIPPED = 10_000;

    private final RawClient client;
    private final String nick;

    private TestPlayer(RawClient client, String nick) {
        this.client = client;
        this.nick = nick;
    }

    /** Connects and reads the welcome, with no nickname yet. */
    static TestPlayer connect(Endpoint endpoint) throws IOException {
        TestPlayer player = new TestPlayer(RawClient.connect(endpoint), "(no nickname)");
        player.await("your nickname? (1 to 32 characters, no spaces)");
        return player;
    }

    /** Connects and takes {@code nick}, reading up to the greeting. */
    static TestPlayer named(Endpoint endpoint, String nick) throws IOException {
        TestPlayer player = new TestPlayer(RawClient.connect(endpoint), nick);
        player.await("your nickname? (1 to 32 characters, no spaces)");
        player.say(nick);
        player.awaitStarting("hello " + nick + ". Commands: ");
        return player;
    }

    String nick() {
        return nick;
    }

    void say(String line) throws IOException {
        client.send(line + "\r\n");
    }

    void send(byte[] bytes) throws IOException {
        client.send(bytes);
    }

    /** The next line. */
    String next() throws IOException {
        String line = client.readLine(WAIT);
        if (line == null) {
            fail(nick + ": the server closed the connection");
        }
        return line;
    }

    /** Reads lines up to and including {@code expected}; returns those before it. */
    List<String> await(String expected) throws IOException {
        return awaitMatching(expected::equals, expected);
    }

    /** Reads lines up to and including one starting with {@code prefix}; returns that line. */
    String awaitStarting(String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        awaitMatching(line -> {
            seen.add(line);
            return line.startsWith(prefix);
        }, prefix + "...");
        return seen.getLast();
    }

    List<String> awaitMatching(Predicate<String> test, String what) throws IOException {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < MAX_SKIPPED; i++) {
            String line = client.readLine(WAIT);
            if (line == null) {
                fail(nick + " never got '" + what + "'; the server closed after " + tail(before));
            }
            if (test.test(line)) {
                return before;
            }
            before.add(line);
        }
        return fail(nick + " never got '" + what + "' in " + MAX_SKIPPED + " lines");
    }

    boolean closedWithin(Duration timeout) throws IOException {
        return client.closedWithin(timeout);
    }

    /** Everything until the server closes, within the wait. */
    String rest() throws IOException {
        return client.readAll(WAIT);
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 8), lines.size());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
