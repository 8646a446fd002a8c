package dev.socklab.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * The one place socklab reaches into the JDK for the virtual-thread scheduler. JDK 25 has no
 * public API to run virtual threads on a scheduler of one's own; its
 * {@code java.lang.ThreadBuilders$VirtualThreadBuilder} has a constructor taking an
 * {@link Executor}, kept for the JDK's own tests, which this class opens by reflection (it needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}), together with
 * {@code Thread.currentCarrierThread()}, which tells a carrier that a wake-up comes from a
 * virtual thread running on it. When the JDK ships a supported scheduler API, this class is what
 * changes; when this JDK lacks the hook, {@link #unavailable()} says why, and the server runs on
 * the JDK's own scheduler.
 */
final class SchedulerHook {
    private static final Constructor<?> BUILDER;
    /** Static and final, so that the JIT inlines the call: a carrier makes it on every wake-up. */
    private static final MethodHandle CURRENT_CARRIER;
    private static final String UNAVAILABLE;

    static {
        Constructor<?> builder = null;
        MethodHandle carrier = null;
        String unavailable = null;
        try {
            builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder").getDeclaredConstructor(Executor.class);
            builder.setAccessible(true);
            carrier = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException e) {
            unavailable = "this JDK has no virtual-thread scheduler hook (" + e.getMessage() + ")";
        } catch (RuntimeException e) {
            // InaccessibleObjectException or IllegalAccessException's kin: java.lang is not opened to socklab.
            unavailable = "java.lang is not open to socklab (run java with --add-opens java.base/java.lang=ALL-UNNAMED)";
        }
        BUILDER = unavailable == null ? builder : null;
        CURRENT_CARRIER = unavailable == null ? carrier : null;
        UNAVAILABLE = unavailable;
    }

    private SchedulerHook() {
    }

    /** Why virtual threads cannot be given a scheduler of socklab's, if they cannot. */
    static Optional<String> unavailable() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** Makes virtual threads whose continuations {@code scheduler} runs. */
    static ThreadFactory factory(Executor scheduler) {
        try {
            return ((Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler)).factory();
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("cannot make a virtual-thread builder: " + e, e);
        }
    }

    /** The platform thread the caller runs on: itself, or the carrier of the virtual thread it is. */
    static Thread currentCarrier() {
        try {
            return (Thread) CURRENT_CARRIER.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
