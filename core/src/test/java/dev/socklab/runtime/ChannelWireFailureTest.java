package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.socklab.engine.StreamSocket;

/**
 * Which failures the wire counts as the socket's, when a read and a write fail in turn: on the
 * JDK's engine a timed read fails in a thread of its own, after the service's write has failed and
 * before the service's task asks whose failure its write's was.
 */
class ChannelWireFailureTest {
    @Test
    void aReadThatFailsAfterAWriteLeavesTheWritesFailureTheSockets() {
        IOException reset = new IOException("Connection reset");
        IOException broken = new IOException("Broken pipe");
        ChannelWire wire = new ChannelWire(new FailingSocket(reset, broken), "test#1",
                LoggerFactory.getLogger("test"), new ListenerCounts(new RefusalCounts()));

        IOException fromWrite = catchThrowableOfType(IOException.class, () -> wire.send(ByteBuffer.allocate(1)));
        IOException fromRead = catchThrowableOfType(IOException.class, () -> wire.recv(ByteBuffer.allocate(1)));

        assertThat(wire.isFailure(fromWrite)).isTrue();
        assertThat(wire.isFailure(fromRead)).isTrue();
        assertThat(wire.isFailure(new IOException("the service's own"))).isFalse();
    }

    /** A socket whose every read and write fails, as a reset one's does. */
    private record FailingSocket(IOException onRead, IOException onWrite) implements StreamSocket {
        @Override
        public SocketChannel channel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            throw onRead;
        }

        @Override
        public boolean readsWithWait() {
            return false;
        }

        @Override
        public int read(ByteBuffer dst, long waitNanos) throws IOException {
            throw onRead;
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            throw onWrite;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw onWrite;
        }

        @Override
        public long sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
            throw onWrite;
        }

        @Override
        public void shutdownInput() {
        }

        @Override
        public void close() {
        }

        @Override
        public Thread start(String name, Runnable task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void startWhenReadable(String name, Runnable task, Consumer<Throwable> unstarted) {
            throw new UnsupportedOperationException();
        }
    }
}
