package dev.socklab.rpc;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts the thread that runs a call when the call's deadline passes. The method runs in its
 * caller's thread, a connection's, rather than a thread of its own: a thread a call would cost two
 * switches of the scheduler, more than a short method's own work. For the same reason no timer is
 * set a call: one daemon thread looks over the calls under way every {@link #TICK} (a deadline is
 * seconds long; it may ring that much late), and parks for good while none has come for a second.
 * The interrupt must never outlive the call, or the connection's next socket operation would close
 * the channel under it: {@link #cancel} waits until an interrupt under way has landed and clears it.
 */
final class CallAlarm {
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int IDLE_TICKS = 100;

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int RINGING = 2;
    private static final int RUNG = 3;

    private static final Set<CallAlarm> UNDER_WAY = ConcurrentHashMap.newKeySet();
    private static volatile boolean watchParked;
    private static final Thread WATCH = Thread.ofPlatform().daemon().name("rpc-deadlines").start(CallAlarm::watch);

    private final Thread caller = Thread.currentThread();
    private final long deadline;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private CallAlarm(Duration allowed) {
        this.deadline = System.nanoTime() + allowed.toNanos();
    }

    /** An alarm for the calling thread, {@code allowed} from now. */
    static CallAlarm set(Duration allowed) {
        CallAlarm alarm = new CallAlarm(allowed);
        UNDER_WAY.add(alarm);
        if (watchParked) {
            LockSupport.unpark(WATCH);
        }
        return alarm;
    }

    /**
     * Called by the caller's thread when the call returned: whether the deadline passed first. If it
     * did, the interrupt it sent has landed and is cleared, whether or not the method saw it.
     */
    boolean cancel() {
        UNDER_WAY.remove(this);
        if (state.compareAndSet(RUNNING, DONE)) {
            return false;
        }
        while (state.get() != RUNG) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }

    private void ring() {
        if (state.compareAndSet(RUNNING, RINGING)) {
            caller.interrupt();
            state.set(RUNG);
        }
    }

    private static void watch() {
        int idle = 0;
        while (true) {
            long now = System.nanoTime();
            for (CallAlarm alarm : UNDER_WAY) {
                if (now - alarm.deadline >= 0 && UNDER_WAY.remove(alarm)) {
                    alarm.ring();
                }
            }
            idle = UNDER_WAY.isEmpty() ? idle + 1 : 0;
            if (idle < IDLE_TICKS) {
                LockSupport.parkNanos(TICK);
                continue;
            }
            // Parked is set before the set is looked at, and a call adds itself before it looks at parked:
            // one of the two sees the other, so no call waits unwatched.
            watchParked = true;
            if (UNDER_WAY.isEmpty()) {
                LockSupport.park();
            }
            watchParked = false;
            idle = 0;
        }
    }
}
