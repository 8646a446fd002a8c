package dev.socklab.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.socklab.text.Durations;

/**
 * socklab's chat protocol (docs/services.md, "chat"): the client's side of a conversation, with no
 * terminal in it. Lines from the server are delivered as they arrive, by a reader thread of their
 * own, while the caller sends lines whenever it has one; leaving is {@code /quit}, after which the
 * server says goodbye and closes. How the conversation ended is a value, {@link #ending()}; the
 * command that holds the conversation relays its input (socklab's {@code chat} command).
 *
 * <p>A conversation goes through three states:
 * <ol>
 * <li><b>talking</b>: the reader waits as long as it takes for the next line, since a room may be
 *     quiet for hours;</li>
 * <li><b>leaving</b>, from the moment this side sends {@code /quit} (or a send fails): the server
 *     has {@code drain} to send the rest and close, which {@link #awaitEnd(Duration)} bounds;</li>
 * <li><b>ended</b>: the server closed, the connection failed, or the drain ran out, as the
 *     {@link Ending} says; {@link #ending()} completes.</li>
 * </ol>
 *
 * <p>Any thread may send, one line at a time, at the client's pace ({@code LinePace}); the reader
 * is the only one that reads. Closing a client stops its reader; the caller still closes the
 * connection.
 */
public final class ChatClient implements AutoCloseable {
    /** The longest server line delivered whole: far more than a chat line, little enough to hold in memory. */
    static final int MAX_LINE = 64 * 1024;
    private static final int CHUNK = 4096;
    /**
     * How long one {@code recv} waits before it waits again: a room may stay quiet for any length
     * of time, and a wait with no end at all would never show in the trace.
     */
    private static final Duration QUIET = Duration.ofHours(1);
    /** How long {@link #close()} waits for the reader it has interrupted: it wakes at once from its selector. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** A server's warning: {@code [09:30:01] !! nickname taken: bob}, the time optional. */
    private static final Pattern WARNING = Pattern.compile("(?:\\[[^\\]]*\\] )?!! (.*)");

    /** How a conversation ended, and the failure a command line reports for it. */
    public sealed interface Ending {
        /**
         * What went wrong, for a command line to report; empty for {@link Left}.
         *
         * @return a {@link SocketTimeoutException} when the server did not close in time, another
         *     {@code IOException} when it closed first or the connection failed
         */
        Optional<IOException> failure();

        /** The server closed after this client said {@code /quit}: the way to leave. */
        record Left() implements Ending {
            @Override
            public Optional<IOException> failure() {
                return Optional.empty();
            }
        }

        /**
         * The server closed of its own accord.
         *
         * @param reason the text of the server's last line when it was a warning ({@code !! ...}),
         *     which says why, such as {@code disconnected: flooding}
         */
        record ClosedByServer(Optional<String> reason) implements Ending {
            @Override
            public Optional<IOException> failure() {
                return Optional.of(new IOException("the server closed the connection"
                        + reason.map(why -> ": " + why).orElse("")));
            }
        }

        /**
         * The connection failed: a reset, or a send that could not finish.
         *
         * @param cause what failed
         */
        record Failed(IOException cause) implements Ending {
            @Override
            public Optional<IOException> failure() {
                if (cause instanceof SocketTimeoutException) {
                    return Optional.of(cause);
                }
                return Optional.of(new IOException("the connection failed: " + cause.getMessage(), cause));
            }
        }

        /**
         * The server did not close within the drain after {@code /quit}, and the client stopped waiting.
         *
         * @param drain how long it waited
         */
        record StillOpen(Duration drain) implements Ending {
            @Override
            public Optional<IOException> failure() {
                return Optional.of(new SocketTimeoutException("the server did not close the connection within "
                        + Durations.format(drain) + " of /quit"));
            }
        }
    }

    private final ClientConnection conn;
    private final LinePace pace;
    private final Consumer<String> incoming;
    private final Thread reader;
    /** Completed once, by the reader when the server closes or the connection fails, or by {@link #awaitEnd}. */
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    /** Completed with {@link System#nanoTime()} when leaving begins: {@code /quit} sent, or a send failed. */
    private final CompletableFuture<Long> leaving = new CompletableFuture<>();
    /**
     * The one lock: held while a line is written, since the connection's writes wait on one
     * selector, which serves one thread at a time; the quit mark and the first failure are set under it.
     */
    private final Object sending = new Object();
    /** Set before the {@code /quit} line is written; read by the reader when the server closes. */
    private volatile boolean quitSent;
    /** The first send that failed, or null. */
    private volatile IOException sendFailure;
    /** The last line delivered; the reader's alone. */
    private String lastLine;

    private ChatClient(ClientConnection conn, LinePace pace, Consumer<String> incoming) {
        this.conn = conn;
        this.pace = pace;
        this.incoming = incoming;
        // A platform thread: its waits are selector waits, which would pin a virtual thread's carrier.
        this.reader = Thread.ofPlatform().daemon().name("chat-reader").unstarted(this::readLines);
    }

    /**
     * Starts reading the server's lines on {@code conn}.
     *
     * @param conn a connection to a chat server
     * @param linesPerSecond the most lines {@link #send} lets out a second, in bursts of as many; 0
     *     for no pacing
     * @param incoming called with each line from the server, without its line end and with control,
     *     bidi and invisible characters made visible ({@code Visible.of}), in the reader thread, one
     *     at a time, in order
     * @return the client, talking
     * @throws IllegalArgumentException if {@code linesPerSecond} is negative
     */
    public static ChatClient start(ClientConnection conn, int linesPerSecond, Consumer<String> incoming) {
        ChatClient chat = new ChatClient(Objects.requireNonNull(conn, "conn"), LinePace.of(linesPerSecond),
                Objects.requireNonNull(incoming, "incoming"));
        chat.reader.start();
        return chat;
    }

    /**
     * Sends one line, with CRLF after it, once the pace allows. A {@code /quit} line starts
     * leaving: the server's close that follows is the way to leave, not a failure.
     *
     * @param line what to send, without a line end
     * @throws IllegalArgumentException if {@code line} holds a CR or LF
     * @throws IOException if the line cannot be sent; leaving then begins, so that
     *     {@link #awaitEnd(Duration)} gives the server the drain to show why
     * @throws InterruptedIOException if the thread is interrupted while the pace holds the line back
     */
    public void send(String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a chat line cannot hold a line end: send each line by itself");
        }
        pace.await();
        synchronized (sending) {
            if (isQuit(line)) {
                // Before the write: the server may close before the write returns.
                quitSent = true;
                leaving.complete(System.nanoTime());
            }
            try {
                conn.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (sendFailure == null) {
                    sendFailure = e;
                }
                leaving.complete(System.nanoTime());
                throw e;
            }
        }
    }

    /**
     * Leaves: sends {@code /quit} unless it was sent already, then shuts down the sending side, so
     * that a server that does not know {@code /quit} reads EOF and closes too. Does nothing once
     * the conversation has ended; a failure to send is kept for {@link #awaitEnd(Duration)}.
     */
    public void leave() {
        if (ending.isDone() || quitSent) {
            return;
        }
        try {
            send("/quit");
            conn.shutdownOutput();
        } catch (IOException e) {
            // Kept by send, or a shutdown of a connection the server has closed: the ending will say.
        }
    }

    /**
     * How the conversation ended, once it has: completed in the reader thread, after the last line,
     * when the server closes or the connection fails, or by {@link #awaitEnd(Duration)} when the
     * drain runs out. Never completed exceptionally; completing the future returned changes nothing.
     *
     * @return a future of the ending
     */
    public CompletableFuture<Ending> ending() {
        return ending.copy();
    }

    /**
     * Waits for the conversation to end: as long as it takes while talking, and at most
     * {@code drain} once leaving has begun. When the drain runs out the reader is stopped.
     *
     * @param drain how long the server may take to close once this side leaves
     * @return how it ended
     * @throws InterruptedIOException if this thread is interrupted while waiting
     */
    public Ending awaitEnd(Duration drain) throws InterruptedIOException {
        long drainNanos = Deadline.requirePositive(drain).toNanos();
        try {
            CompletableFuture.anyOf(ending, leaving).get(); // talking: no end to the wait, a room may be quiet
            if (!ending.isDone()) {
                return ending.get(leaving.join() + drainNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            stopReader();
            IOException failure = sendFailure;
            ending.complete(failure != null ? new Ending.Failed(failure) : new Ending.StillOpen(drain));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the chat to end");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a chat's ending and its leaving never fail", e);
        }
        return ending.join();
    }

    /** Stops the reader, if it still runs, and waits for it; the connection stays open for its owner to close. */
    @Override
    public void close() {
        stopReader();
    }

    private void stopReader() {
        reader.interrupt();
        try {
            reader.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isQuit(String line) {
        return line.regionMatches(true, 0, "/quit", 0, 5) && (line.length() == 5 || line.charAt(5) == ' ');
    }

    private void readLines() {
        ServerLines lines = new ServerLines(MAX_LINE);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        Ending end;
        try {
            while (true) {
                int n;
                try {
                    n = conn.read(buffer.clear(), QUIET);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    lines.finish(this::deliver);
                    end = closed();
                    break;
                }
                lines.feed(buffer.flip(), this::deliver);
            }
        } catch (InterruptedIOException e) {
            return; // stopped by this side: whoever stopped it says how the conversation ended
        } catch (IOException e) {
            // A server that closes with this side's lines unread resets the connection: its warning still says why.
            end = warning(lastLine).isPresent() ? closed() : new Ending.Failed(e);
        }
        ending.complete(end);
    }

    private void deliver(String line) {
        lastLine = line;
        incoming.accept(line);
    }

    /**
     * How a close by the server ends the conversation: a last line that is a warning says the
     * server disconnected this client, even when a {@code /quit} was on its way; otherwise a close
     * after {@code /quit} is the goodbye.
     */
    private Ending closed() {
        Optional<String> reason = warning(lastLine);
        if (quitSent && reason.isEmpty()) {
            return new Ending.Left();
        }
        return new Ending.ClosedByServer(reason);
    }

    /** The text of a warning line, such as {@code disconnected: flooding}; empty for any other line. */
    static Optional<String> warning(String line) {
        if (line == null) {
            return Optional.empty();
        }
        Matcher m = WARNING.matcher(line);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
