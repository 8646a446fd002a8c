package dev.socklab.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.SelectableChannel;
import java.util.Optional;

/**
 * The file descriptor under a JDK channel, which epoll needs and the channel API does not give:
 * {@code sun.nio.ch.SelChImpl.getFDVal()}, which every socket channel of the JDK implements, opened
 * with {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}.
 */
final class ChannelFd {
    private static final MethodHandle FD_VAL;
    private static final String UNAVAILABLE;

    static {
        MethodHandle fdVal = null;
        String unavailable = null;
        try {
            Class<?> selChImpl = Class.forName("sun.nio.ch.SelChImpl");
            fdVal = MethodHandles.lookup().findVirtual(selChImpl, "getFDVal", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, SelectableChannel.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = "the JDK's channels do not show their descriptors to socklab (run java with"
                    + " --add-exports java.base/sun.nio.ch=ALL-UNNAMED)";
        }
        FD_VAL = fdVal;
        UNAVAILABLE = unavailable;
    }

    private ChannelFd() {
    }

    /** Why descriptors cannot be had, if they cannot. */
    static Optional<String> unavailable() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    static int of(SelectableChannel channel) {
        try {
            return (int) FD_VAL.invokeExact(channel);
        } catch (Throwable e) {
            throw new IllegalStateException("no descriptor for " + channel, e);
        }
    }
}
