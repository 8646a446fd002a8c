package dev.socklab.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * An accepted stream socket (TCP or Unix) as the engine that serves it makes its calls: each call
 * blocks its virtual thread, never its carrier, until it can go on. The runtime's connection
 * makes every socket call through it, from the connection's own threads.
 */
public interface StreamSocket {
    /** The channel, for its options and addresses; its reads and writes go through this socket. */
    SocketChannel channel();

    /** Reads into {@code dst}, waiting as long as it takes: the bytes read (0 only when {@code dst} is full), or -1 at the end of the stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Whether {@link #read(ByteBuffer, long)} works: a read that gives up after a wait, with the socket still open. */
    boolean readsWithWait();

    /**
     * Reads into {@code dst}, waiting at most {@code waitNanos}: the bytes read, 0 when none came
     * in time, or -1 at the end of the stream.
     *
     * @throws UnsupportedOperationException unless {@link #readsWithWait()}
     */
    int read(ByteBuffer dst, long waitNanos) throws IOException;

    /** Writes all of {@code src}, waiting while the peer's window is full. */
    void write(ByteBuffer src) throws IOException;

    /** One gathering write from {@code srcs}, waiting until at least one byte goes: the bytes written. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /**
     * Sends what remains of {@code head}, then up to {@code count} bytes of {@code file} from
     * {@code position}, the file's bytes never through the heap, waiting until at least one byte
     * goes. {@code head} advances by what of it went.
     *
     * @return the file's bytes sent: 0 when only head bytes went, or the file ends before {@code position}
     */
    long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException;

    /** {@code shutdown(SHUT_WR)}: the peer reads the end of the stream after what was sent. */
    default void shutdownOutput() throws IOException {
        channel().shutdownOutput();
    }

    /** {@code shutdown(SHUT_RD)}, from any thread: a read waiting now, or made later, returns the end of the stream. */
    void shutdownInput() throws IOException;

    /** Closes the socket, from any thread: a call waiting in it fails at once. */
    void close() throws IOException;

    /** Starts {@code task} in a new virtual thread named {@code name}, on the carrier that owns this socket. */
    Thread start(String name, Runnable task);

    /**
     * Starts {@code task} as {@link #start} does, but only once the socket is readable (the
     * client's first bytes, its end, a reset) or is closed or shut down from another thread: until
     * then the connection holds no thread. An engine that cannot wait without a thread starts it
     * at once. If the thread cannot start then (no memory for one more), {@code unstarted} is told
     * why, on whichever thread found out.
     */
    void startWhenReadable(String name, Runnable task, Consumer<Throwable> unstarted);
}
