package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;

/**
 * A browser player as a test drives it, through the JDK's own WebSocket client: each arena packet
 * one binary message each way, decoded strictly; snapshots rebuilt against the views it keeps.
 */
final class BridgeClient implements Closeable {
    /** How long a test waits for what the server sends. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** What the client got: a packet, or how the server closed. */
    sealed interface Event {
    }

    record Got(Packet packet) implements Event {
    }

    record Closed(int code, String reason) implements Event {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final Map<Long, View> views = new HashMap<>();
    private Packet.Welcome welcome;
    private long newest;
    private long packetSeq;
    private long inputSeq;

    private BridgeClient(URI uri) {
        this.socket = http.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    static BridgeClient connect(URI uri) {
        return new BridgeClient(uri);
    }

    /** Plays the handshake as {@code nickname}: CONNECT, CHALLENGE, JOIN, WELCOME. */
    Packet.Welcome join(String nickname) throws InterruptedException {
        long nonce = ThreadLocalRandom.current().nextLong();
        send(new Packet.Connect(nonce));
        Packet.Challenge challenge = next(Packet.Challenge.class);
        if (challenge.nonce() != nonce) {
            fail("a CHALLENGE for nonce " + challenge.nonce() + ", not " + nonce);
        }
        send(new Packet.Join(nonce, challenge.timestamp(), challenge.cookie(), nickname));
        welcome = next(Packet.Welcome.class);
        return welcome;
    }

    /** Sends one input, numbered after the last, acknowledging the newest snapshot. */
    void input(int buttons) {
        send(new Packet.Input(welcome.session(), ++packetSeq, newest, ++inputSeq, new byte[] {(byte) buttons}));
    }

    void send(Packet packet) {
        socket.sendBinary(PacketCodec.encode(packet), true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Reads snapshots, sending an input with each, until one rebuilds into a view that {@code wanted} accepts. */
    View awaitView(Predicate<View> wanted, int buttons) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Packet.Snapshot snapshot = next(Packet.Snapshot.class);
            View baseline = snapshot.baseline() == 0 ? View.EMPTY : views.get(snapshot.baseline());
            if (baseline == null || snapshot.seq() <= newest) {
                continue;
            }
            View view;
            try {
                view = baseline.apply(snapshot.entities());
            } catch (MalformedPacketException e) {
                return fail("a snapshot that does not fit its baseline: " + e.getMessage());
            }
            views.put(snapshot.seq(), view);
            newest = snapshot.seq();
            input(buttons);
            if (wanted.test(view)) {
                return view;
            }
        }
        return fail("no snapshot showed the view waited for");
    }

    /** The next packet of {@code type}, skipping packets of other types. */
    <T extends Packet> T next(Class<T> type) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Event event = event();
            if (!(event instanceof Got(Packet packet))) {
                return fail("the server closed while the client waited for a " + type.getSimpleName() + ": " + event);
            }
            if (type.isInstance(packet)) {
                return type.cast(packet);
            }
        }
        return fail("no " + type.getSimpleName() + " came");
    }

    /** How the server closed, skipping the packets before. */
    Closed closed() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (event() instanceof Closed closed) {
                return closed;
            }
        }
        return fail("the server never closed");
    }

    /** The next thing that happened, within {@link #WAIT}. */
    Event event() throws InterruptedException {
        Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return event != null ? event : fail("the client got nothing within " + WAIT.toSeconds() + " s");
    }

    /** Closes the WebSocket with 1000, as a browser does when its tab closes. */
    void leave() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Override
    public void close() {
        socket.abort();
        http.close();
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            message.writeBytes(bytes);
            if (last) {
                try {
                    events.add(new Got(PacketCodec.decode(ByteBuffer.wrap(message.toByteArray()))));
                } catch (MalformedPacketException e) {
                    events.add(new Closed(-1, "a malformed packet from the server: " + e.getMessage()));
                }
                message.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            events.add(new Closed(-1, "a text message from the server: " + data));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }
    }
}
