package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.fail;

import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browser member as a test drives it, through the JDK's own WebSocket client: a line is a text
 * message each way; the time stamp of each line it gets is checked and removed.
 */
final class SocketMember implements Closeable {
    /** What the member got: a line, or how the server closed. */
    sealed interface Event {
    }

    record Line(String text) implements Event {
    }

    record Closed(int code, String reason) implements Event {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private String nick;

    private SocketMember(URI uri) {
        this.socket = http.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    /** Connects to {@code uri} and reads the welcome, which names the member. */
    static SocketMember connect(URI uri) throws InterruptedException {
        SocketMember member = new SocketMember(uri);
        String welcome = member.next();
        if (!welcome.startsWith("-- welcome to socklab chat, ")) {
            fail("not a welcome: " + welcome);
        }
        member.nick = welcome.substring("-- welcome to socklab chat, ".length());
        member.await("-- " + member.nick + " joined lobby");
        return member;
    }

    String nick() {
        return nick;
    }

    void say(String line) {
        socket.sendText(line, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next line, without its time stamp, which must be there. */
    String next() throws InterruptedException {
        Event event = event();
        if (!(event instanceof Line(String text))) {
            return fail(nick + " got " + event + " instead of a line");
        }
        if (!text.matches("\\[\\d\\d:\\d\\d:\\d\\d] .*")) {
            fail("no time stamp: " + text);
        }
        return text.substring(11);
    }

    /** Reads lines up to and including {@code expected}. */
    void await(String expected) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (next().equals(expected)) {
                return;
            }
        }
        fail(nick + " never got '" + expected + "'");
    }

    /** Whether the server closed within {@code timeout}; a line meanwhile fails the test. */
    boolean closedWithin(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event instanceof Line line) {
            fail(nick + " got a line while waiting for the server to close: " + line.text());
        }
        return event != null;
    }

    /** The next thing that happened, within the tests' wait. */
    Event event() throws InterruptedException {
        Event event = events.poll(TestMember.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return event != null ? event : fail(nick + " got nothing within " + TestMember.WAIT.toSeconds() + " s");
    }

    @Override
    public void close() {
        socket.abort();
        http.close();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(new Line(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        /** A connection that ended with no close frame (reset, say): RFC 6455 §7.1.5's 1006, abnormal closure. */
        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new Closed(1006, String.valueOf(error)));
        }
    }
}
