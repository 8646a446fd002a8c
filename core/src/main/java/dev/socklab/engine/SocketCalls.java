package dev.socklab.engine;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libc's {@code recv} and {@code send} on a non-blocking socket, through the FFM API: what a
 * carrier's socket calls instead of the JDK channel's {@code read} and {@code write}, which on a
 * non-blocking channel still take two locks, look up a temporary direct buffer per call, and go
 * through the file layer ({@code read(2)}, {@code write(2)}). {@code send} passes
 * {@code MSG_NOSIGNAL}: a peer that has gone away is an {@code EPIPE}, never a signal.
 */
final class SocketCalls {
    /** The call would block: nothing to read, or no room to send. */
    static final int WOULD_BLOCK = -2;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ECONNRESET = 104;

    private static final MethodHandle RECV = Epoll.function("recv", transfer());
    private static final MethodHandle SEND = Epoll.function("send", transfer());
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private SocketCalls() {
    }

    /** {@code ssize_t f(int fd, void *buf, size_t len, int flags)}. */
    private static FunctionDescriptor transfer() {
        return FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT);
    }

    /** {@code recv(fd, buf, len, 0)}: the bytes read, 0 at the end of the stream, or {@link #WOULD_BLOCK}. */
    static int recv(MemorySegment state, int fd, MemorySegment buf, long len) throws IOException {
        return transfer(RECV, state, fd, buf, len, 0);
    }

    /** {@code send(fd, buf, len, MSG_NOSIGNAL)}: the bytes sent, or {@link #WOULD_BLOCK}. */
    static int send(MemorySegment state, int fd, MemorySegment buf, long len) throws IOException {
        return transfer(SEND, state, fd, buf, len, MSG_NOSIGNAL);
    }

    /** One {@code recv} or {@code send}, again if a signal interrupted it. */
    private static int transfer(MethodHandle call, MemorySegment state, int fd, MemorySegment buf, long len, int flags)
            throws IOException {
        for (;;) {
            long n;
            try {
                n = (long) call.invokeExact(state, fd, buf, len, flags);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (n >= 0) {
                return (int) n;
            }
            int errno = Epoll.errno(state);
            if (errno == EAGAIN) {
                return WOULD_BLOCK;
            }
            if (errno != EINTR) {
                // A read's reset worded as the JDK words it: the log line then reads the same on either engine.
                throw new IOException(errno == ECONNRESET && call == RECV ? "Connection reset" : describe(errno));
            }
        }
    }

    /** The C library's words for {@code errno}, as the JDK's exceptions give them. */
    private static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }
}
