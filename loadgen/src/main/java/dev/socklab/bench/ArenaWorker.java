package dev.socklab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

import dev.socklab.arena.PacketCodec;

/**
 * One load thread of {@code bench arena}: a {@link Selector} over its share of the bots' sockets,
 * all non-blocking, so that a thread plays hundreds of bots. It loops until the run's window ends,
 * or until every one of its bots is done (refused, timed out or failed): it runs each bot whose
 * time has come (a tick, a handshake resent), in time order from a queue, then waits on the
 * selector until the next is due, handing each datagram to its bot. At the end every bot sends
 * LEAVE and its socket closes. It measures its own CPU over the counted part.
 */
final class ArenaWorker implements Runnable {
    /** Datagrams read per readiness event, so that one busy socket does not hold up the others' ticks. */
    private static final int READS_PER_EVENT = 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final ArenaTally tally;
    private final InetSocketAddress target;
    private final Selector selector;
    private final List<Seat> seats = new ArrayList<>();
    /** Each bot's next due time; an entry whose time the bot has since moved is stale and skipped. */
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.signum(a.at - b.at));
    /** Encodes every bot's packets: each is sent before the next is encoded. */
    final ByteBuffer sendBuffer = ByteBuffer.allocate(PacketCodec.MAX_PACKET);
    /** One byte more than a packet may have, so that an oversized datagram shows as one, not cut to size. */
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(PacketCodec.MAX_PACKET + 1);
    /** Bots not yet done: refused, timed out or failed, every one, and the thread has nothing left to do. */
    private int live;
    private long cpuNanos;
    private long wallNanos;
    private volatile Exception failure;
    private Thread thread;

    /** A bot and its socket; the selection key's attachment. */
    record Seat(ArenaBot bot, BotSocket socket) {
    }

    /** A bot's due time as queued. */
    private record Due(long at, Seat seat) {
    }

    ArenaWorker(ArenaTally tally, InetSocketAddress target) throws IOException {
        this.tally = tally;
        this.target = target;
        this.selector = Selector.open();
    }

    /** Gives this thread a bot to play. Before {@link #run()} only. */
    void add(ArenaBot bot, BotSocket socket) {
        Seat seat = new Seat(bot, socket);
        seats.add(seat);
        queue.add(new Due(bot.due(), seat));
        live++;
    }

    /** Starts this worker's platform thread: a daemon, so that a stuck run can never keep the JVM alive. */
    void startThread(String name) {
        thread = Thread.ofPlatform().name(name).daemon().start(this);
    }

    Thread thread() {
        return thread;
    }

    @Override
    public void run() {
        Window window = tally.window;
        long cpuStart = -1;
        long wallStart = 0;
        try {
            // Bounded: the window ends warm-up + duration after it starts.
            for (long now = System.nanoTime(); !window.over(now) && live > 0; now = System.nanoTime()) {
                if (cpuStart < 0 && window.counting(now)) {
                    cpuStart = cpuTime();
                    wallStart = now;
                }
                runDue(now);
                long next = queue.isEmpty() ? window.end() : queue.peek().at;
                long wait = Math.min(next, window.end()) - now;
                if (wait < TimeUnit.MILLISECONDS.toNanos(1)) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, TimeUnit.NANOSECONDS.toMillis(wait));
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            if (cpuStart >= 0) {
                cpuNanos = cpuTime() - cpuStart;
                wallNanos = System.nanoTime() - wallStart;
            }
            leave();
        }
    }

    private void runDue(long now) {
        for (Due next = queue.peek(); next != null && next.at - now <= 0; next = queue.peek()) {
            queue.poll();
            Seat seat = next.seat;
            ArenaBot bot = seat.bot;
            if (next.at != bot.due() || !bot.scheduled()) {
                continue;
            }
            try {
                if (bot.state() == ArenaBot.State.NEW) {
                    seat.socket.open(target, selector, seat);
                }
                bot.due(now);
            } catch (IOException e) {
                bot.failed(now);
                seat.socket.close();
            }
            if (bot.scheduled()) {
                queue.add(new Due(bot.due(), seat));
            } else {
                live--;
            }
        }
    }

    private void ready(SelectionKey key) {
        Seat seat = (Seat) key.attachment();
        ArenaBot bot = seat.bot;
        long now = System.nanoTime();
        try {
            for (int i = 0; i < READS_PER_EVENT && seat.socket.isOpen(); i++) {
                receiveBuffer.clear();
                if (seat.socket.read(receiveBuffer) <= 0) {
                    return;
                }
                long due = bot.due();
                bot.receive(receiveBuffer.flip(), now);
                if (!bot.scheduled()) {
                    live--;
                    return;
                }
                if (bot.due() != due) {
                    queue.add(new Due(bot.due(), seat));
                }
            }
        } catch (IOException e) {
            if (bot.scheduled()) {
                bot.failed(now);
                live--;
            }
            seat.socket.close();
        }
    }

    private void leave() {
        long now = System.nanoTime();
        for (Seat seat : seats) {
            seat.socket.sendStraight();
            try {
                if (seat.socket.isOpen()) {
                    seat.bot.leave(now);
                }
            } catch (IOException e) {
                // The LEAVE is a courtesy: a server that misses it times the player out.
            }
            seat.socket.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // The sockets are closed already; a selector that fails to close has nothing left to say.
        }
    }

    private static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** CPU time this thread used while counting, in nanoseconds; valid once it has stopped. */
    long cpuNanos() {
        return cpuNanos;
    }

    /** Wall time this thread ran while counting, in nanoseconds; valid once it has stopped. */
    long wallNanos() {
        return wallNanos;
    }

    /** What stopped the thread early, if anything did: a selector that failed, or a bug. */
    Exception failure() {
        return failure;
    }
}
