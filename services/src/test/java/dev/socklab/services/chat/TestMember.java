package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.fail;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.RawClient;

/** A chat member as a test drives it: lines in, lines out with their time stamps checked and removed. */
final class TestMember implements Closeable {
    static final Duration WAIT = Duration.ofSeconds(10);
    /** The most lines {@link #await} reads looking for one: a test that misses its line fails, never hangs. */
    private static final int MAX_SKIPPED = 100_000;

    private final RawClient client;
    private String nick;

    private TestMember(RawClient client) {
        this.client = client;
    }

    /** Connects and reads the welcome, which names the member. */
    static TestMember connect(Endpoint endpoint) throws IOException {
        TestMember member = new TestMember(RawClient.connect(endpoint));
        String welcome = member.next();
        if (!welcome.startsWith("-- welcome to socklab chat, ")) {
            fail("not a welcome: " + welcome);
        }
        member.nick = welcome.substring("-- welcome to socklab chat, ".length());
        member.await("-- commands: " + Command.SUMMARY);
        return member;
    }

    /** Connects, waits until in the lobby, and takes {@code nick}. */
    static TestMember named(Endpoint endpoint, String nick) throws IOException {
        TestMember member = connect(endpoint);
        member.await("-- " + member.nick + " joined lobby");
        member.say("/nick " + nick);
        member.await("-- " + member.nick + " is now " + nick);
        member.nick = nick;
        return member;
    }

    String nick() {
        return nick;
    }

    void say(String line) throws IOException {
        client.send(line + "\n");
    }

    void send(byte[] bytes) throws IOException {
        client.send(bytes);
    }

    /** The next line, without its time stamp, which must be there. */
    String next() throws IOException {
        String line = client.readLine(WAIT);
        if (line == null) {
            fail(nick + ": the server closed the connection");
        }
        if (!line.matches("\\[\\d\\d:\\d\\d:\\d\\d] .*")) {
            fail("no time stamp: " + line);
        }
        return line.substring(11);
    }

    /** Reads lines up to and including {@code expected}; returns those before it. */
    List<String> await(String expected) throws IOException {
        return awaitMatching(expected::equals, expected);
    }

    List<String> awaitMatching(Predicate<String> test, String what) throws IOException {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < MAX_SKIPPED; i++) {
            String line = client.readLine(WAIT);
            if (line == null) {
                fail(nick + " never got '" + what + "'; the server closed after " + tail(before));
            }
            String text = line.substring(11);
            if (test.test(text)) {
                return before;
            }
            before.add(text);
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

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 5), lines.size());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
