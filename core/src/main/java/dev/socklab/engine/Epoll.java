package dev.socklab.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few calls of Linux's epoll(7) and eventfd(2) the engine makes, through the Foreign Function
 * and Memory API: no native library of socklab's own, only libc. Each call returns its result or
 * throws an {@link IOException} naming the call and the error; an interrupted wait is retried.
 * {@link #function} and {@link #errno} are the downcall plumbing {@link SocketCalls} shares.
 */
final class Epoll {
    static final int EPOLLIN = 0x001;
    static final int EPOLLPRI = 0x002;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLRDHUP = 0x2000;
    static final int EPOLLET = 1 << 31;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    /**
     * {@code struct epoll_event}: 32 bits of events, then 64 of data. The kernel packs it on x86-64
     * (12 bytes, data at 4) and aligns it elsewhere (16 bytes, data at 8).
     */
    private static final boolean PACKED = System.getProperty("os.arch", "").matches("amd64|x86_64");
    static final long EVENT_SIZE = PACKED ? 12 : 16;
    private static final long DATA_OFFSET = PACKED ? 4 : 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(StructLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
    private static final ValueLayout INT = ValueLayout.JAVA_INT;
    private static final ValueLayout LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout POINTER = ValueLayout.ADDRESS;
    private static final MethodHandle EPOLL_CREATE1 = function("epoll_create1", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle EPOLL_CTL = function("epoll_ctl", FunctionDescriptor.of(INT, INT, INT, INT, POINTER));
    private static final MethodHandle EPOLL_WAIT = function("epoll_wait", FunctionDescriptor.of(INT, INT, POINTER, INT, INT));
    private static final MethodHandle EVENTFD = function("eventfd", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle READ = function("read", FunctionDescriptor.of(LONG, INT, POINTER, LONG));
    private static final MethodHandle WRITE = function("write", FunctionDescriptor.of(LONG, INT, POINTER, LONG));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(INT, INT));

    private Epoll() {
    }

    /** A downcall to libc's {@code name} that records errno in the call state it is given first. */
    static MethodHandle function(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, ERRNO_OPTION);
    }

    /** The memory one thread's calls record errno in. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** {@code epoll_create1(EPOLL_CLOEXEC)}: a new epoll set. */
    static int create(MemorySegment state) throws IOException {
        try {
            return check("epoll_create1", state, (int) EPOLL_CREATE1.invokeExact(state, EPOLL_CLOEXEC));
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)}: a counter other threads write to wake a waiting carrier. */
    static int eventFd(MemorySegment state) throws IOException {
        try {
            return check("eventfd", state, (int) EVENTFD.invokeExact(state, 0, EFD_CLOEXEC | EFD_NONBLOCK));
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code epoll_ctl(EPOLL_CTL_ADD)}: {@code fd} joins the set for {@code events}, reported with {@code data}. */
    static void add(MemorySegment state, MemorySegment event, int epfd, int fd, int events, long data)
            throws IOException {
        event.set(ValueLayout.JAVA_INT_UNALIGNED, 0, events);
        event.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, data);
        int result;
        try {
            result = (int) EPOLL_CTL.invokeExact(state, epfd, EPOLL_CTL_ADD, fd, event);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        check("epoll_ctl", state, result);
    }

    /** {@code epoll_wait}: up to {@code max} events into {@code events}, waiting at most {@code timeoutMillis} (-1: as long as it takes). */
    static int await(MemorySegment state, int epfd, MemorySegment events, int max, int timeoutMillis)
            throws IOException {
        for (;;) {
            int n;
            try {
                n = (int) EPOLL_WAIT.invokeExact(state, epfd, events, max, timeoutMillis);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (n >= 0 || errno(state) != EINTR) {
                return check("epoll_wait", state, n);
            }
        }
    }

    static int events(MemorySegment events, int i) {
        return events.get(ValueLayout.JAVA_INT_UNALIGNED, i * EVENT_SIZE);
    }

    static long data(MemorySegment events, int i) {
        return events.get(ValueLayout.JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET);
    }

    /** Adds 1 to the eventfd's counter, which makes it readable: a carrier waiting on it wakes. */
    static void signal(MemorySegment state, int eventFd, MemorySegment eight) throws IOException {
        eight.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 1L);
        long n;
        try {
            n = (long) WRITE.invokeExact(state, eventFd, eight, 8L);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        // EAGAIN: the counter is full, so the carrier will wake anyway.
        if (n < 0 && errno(state) != EAGAIN) {
            check("write", state, (int) n);
        }
    }

    /** Reads the eventfd's counter back to 0, so that the next signal is a new edge. */
    static void drain(MemorySegment state, int eventFd, MemorySegment eight) throws IOException {
        long n;
        try {
            n = (long) READ.invokeExact(state, eventFd, eight, 8L);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (n < 0 && errno(state) != EAGAIN) {
            check("read", state, (int) n);
        }
    }

    static void close(MemorySegment state, int fd) {
        try {
            // Nothing to do on failure: the descriptor is released either way (close(2) never leaves it open).
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The errno a call recorded in {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static int check(String call, MemorySegment state, int result) throws IOException {
        if (result < 0) {
            throw new IOException(call + " failed: errno " + errno(state));
        }
        return result;
    }
}
