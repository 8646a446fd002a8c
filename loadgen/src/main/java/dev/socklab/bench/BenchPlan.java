package dev.socklab.bench;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import dev.socklab.bench.RpcCall.Transport;
import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;

/**
 * One bench run, checked: every count and duration is bounded, so that a run stops by itself.
 * Messages of {@link BenchPlanException} name the options as {@code socklab bench} writes them.
 *
 * @param workload what each connection does
 * @param target the server
 * @param connections connections (or UDP sockets) at once; for idle, how many to open and hold; for chat, the
 *     members of the room
 * @param senders chat: how many of the members send; 0 for the other workloads
 * @param inFlight chat: how many messages each sender has in flight at most; 0 for the other workloads
 * @param size message, chunk, datagram or chat line bytes; 0 for connect and idle, which send nothing; rpc: the
 *     echo's bytes, 0 for {@code add(2, 3)}
 * @param duration how long the counted part lasts; for idle, how long the connections are held; for idle and
 *     chat, also the longest the connections may take to open (chat: and to get into the room)
 * @param warmup how long the run goes before counting starts; idle has none
 * @param requests a cap on the operations counted, if any: the run ends when it is reached
 * @param threads selector threads, each with a share of the connections
 * @param connectTimeout how long a connect, and then each echo, greeting or chat sender's message, may take
 * @param udpTimeout how long a UDP socket waits for an echo before it counts the datagram lost
 * @param sources source addresses to bind each socket to in turn, if any
 * @param serverPid the server's process, whose memory idle measures, if given
 * @param get http: the request each connection sends over and over; empty for the other workloads
 * @param call rpc: the call each connection makes over and over; empty for the other workloads
 */
public record BenchPlan(Workload workload, InetSocketAddress target, int connections, int senders, int inFlight,
        int size, Duration duration, Duration warmup, OptionalLong requests, int threads, Duration connectTimeout,
        Duration udpTimeout, Optional<SourceRange> sources, OptionalLong serverPid, Optional<HttpGet> get,
        Optional<RpcCall> call) {
    /** The most connections one run opens; the open-file limit usually binds first. */
    public static final int MAX_CONNECTIONS = 100_000;
    /** The longest a run counts for. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);
    /** The longest warm-up. */
    public static final Duration MAX_WARMUP = Duration.ofMinutes(1);
    /** The longest timeout, for connects and for UDP echoes. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    /** The most messages a chat sender has in flight. */
    public static final int MAX_IN_FLIGHT = 64;
    /** The largest {@code --requests}. */
    public static final long MAX_REQUESTS = 1_000_000_000L;
    /** The most the per-connection buffers of a run may take, in bytes. */
    public static final long MAX_BUFFER_BYTES = 256L << 20;
    /** Open files the process keeps for itself beyond one a connection: selectors, jars, standard streams. */
    static final int RESERVED_FILES = 64;

    /** Checks every bound; see the constants. */
    public BenchPlan {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(serverPid, "serverPid");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(call, "call");
        if (call.isPresent() != (workload == Workload.RPC)) {
            throw new BenchPlanException(call.isPresent() ? "--transport and --xml apply to rpc alone"
                    : "an rpc run needs the call to make");
        }
        if (get.isPresent() != (workload == Workload.HTTP)) {
            throw new BenchPlanException(get.isPresent() ? "PATH and --status apply to http alone"
                    : "an http run needs the request to send: a PATH");
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new BenchPlanException(workload.countOption() + " must be from 1 to " + MAX_CONNECTIONS + ", not "
                    + connections);
        }
        if (workload == Workload.CHAT) {
            if (senders < 1 || senders > connections) {
                throw new BenchPlanException("--senders must be from 1 to the members, " + connections + ", not " + senders);
            }
            if (inFlight < 1 || inFlight > MAX_IN_FLIGHT) {
                throw new BenchPlanException("--in-flight must be from 1 to " + MAX_IN_FLIGHT + ", not " + inFlight);
            }
        } else if (senders != 0 || inFlight != 0) {
            throw new BenchPlanException((senders != 0 ? "--senders" : "--in-flight") + " applies to chat alone");
        }
        if (workload.takesSize() ? size < workload.minSize() || size > workload.maxSize() : size != 0) {
            throw new BenchPlanException(workload.takesSize()
                    ? "--size " + size + " is out of range: " + workload.label() + " sends " + workload.minSize() + " to "
                            + workload.maxSize() + " bytes at a time"
                    : "--size does not apply to " + workload.label() + ", which sends nothing");
        }
        positive("--duration", duration, MAX_DURATION);
        if (warmup.isNegative() || warmup.compareTo(MAX_WARMUP) > 0) {
            throw new BenchPlanException("--warmup must be from 0 to " + Durations.format(MAX_WARMUP) + ", not " + Durations.format(warmup));
        }
        if (requests.isPresent() && workload == Workload.IDLE) {
            throw new BenchPlanException("--requests does not apply to idle, which holds connections rather than "
                    + "counting operations");
        }
        if (requests.isPresent() && (requests.getAsLong() < 1 || requests.getAsLong() > MAX_REQUESTS)) {
            throw new BenchPlanException("--requests must be from 1 to " + MAX_REQUESTS + ", not " + requests.getAsLong());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads < 1 || threads > cores) {
            throw new BenchPlanException("--threads must be from 1 to " + cores + ", the cores of this machine, not "
                    + threads + ": more threads than cores would only take turns");
        }
        positive("--timeout", connectTimeout, MAX_TIMEOUT);
        positive("--udp-timeout", udpTimeout, MAX_TIMEOUT);
        if (sources.isPresent() && !(target.getAddress() instanceof Inet4Address)) {
            throw new BenchPlanException("--source-range holds IPv4 loopback addresses, but the server is at "
                    + SocketAddresses.format(target) + ": reach it over IPv4, such as 127.0.0.1");
        }
        if (serverPid.isPresent()) {
            if (workload != Workload.IDLE) {
                throw new BenchPlanException("--server-pid applies to idle alone: only idle measures the server's memory");
            }
            if (!ServerVitals.readable(serverPid.getAsLong())) {
                throw new BenchPlanException("--server-pid " + serverPid.getAsLong() + " is not a process whose memory "
                        + "can be read here: give the PID of a server on this machine (/proc/PID/status)");
            }
            ServerVitals.requireListening(serverPid.getAsLong(), target, false);
        }
        long buffers = workload == Workload.CHAT ? ChatSlot.bufferBytes(connections, senders, inFlight, size)
                : (long) connections * bufferBytesPerConnection(workload, size);
        if (buffers > MAX_BUFFER_BYTES) {
            throw new BenchPlanException(workload.countOption() + " " + connections + " with --size " + size + " needs "
                    + (buffers >> 20) + " MiB of buffers, more than the " + (MAX_BUFFER_BYTES >> 20)
                    + " MiB a run may take: lower one of them");
        }
        OpenFiles.check(workload.countOption(), connections, RESERVED_FILES);
    }

    /** A plan for {@code workload} against {@code target}, with every default. */
    public static Builder builder(Workload workload, InetSocketAddress target) {
        return new Builder(workload, target);
    }

    /** This plan with another number of connections: the runs of a sweep. */
    public BenchPlan withConnections(int count) {
        return new BenchPlan(workload, target, count, senders, inFlight, size, duration, warmup, requests, threads,
                connectTimeout, udpTimeout, sources, serverPid, get, call);
    }

    /** The threads that run: no more than connections, since a thread without any would idle. */
    int activeThreads() {
        return Math.min(threads, connections);
    }

    /** What each connection keeps: the echo of a ping-pong message, a UDP datagram out and in, a response's head. */
    private static long bufferBytesPerConnection(Workload workload, int size) {
        return switch (workload) {
            case PINGPONG -> size;
            case UDP -> 2L * size;
            case STREAM, CONNECT, IDLE -> 0; // their reads go to one scratch buffer per thread
            case CHAT -> ChatSlot.LINE_BYTES;
            case HTTP -> ResponseHeadBuffer.FIRST_BYTES;
            // Its own request (JSON-RPC: for its ids), a reply buffer and a response's head.
            case RPC -> 2L * size + RpcSlot.firstReplyBytes(size) + ResponseHeadBuffer.FIRST_BYTES;
        };
    }

    private static void positive(String option, Duration value, Duration max) {
        if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            throw new BenchPlanException(option + " must be more than 0 and at most " + Durations.format(max) + ", not " + Durations.format(value));
        }
    }

    /** Builds a {@link BenchPlan}, with the defaults of {@code socklab bench}. */
    public static final class Builder {
        private final Workload workload;
        private final InetSocketAddress target;
        private int connections = 100;
        private Integer senders;
        private Integer inFlight;
        private Integer size;
        private Duration duration = Duration.ofSeconds(10);
        private Duration warmup = Duration.ofSeconds(2);
        private OptionalLong requests = OptionalLong.empty();
        private int threads = Runtime.getRuntime().availableProcessors();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration udpTimeout = Duration.ofSeconds(1);
        private Optional<SourceRange> sources = Optional.empty();
        private OptionalLong serverPid = OptionalLong.empty();
        private String path;
        private Integer status;
        private Transport transport;
        private Boolean xml;

        private Builder(Workload workload, InetSocketAddress target) {
            this.workload = workload;
            this.target = target;
        }

        /** Connections at once (default 100). */
        public Builder connections(int value) {
            connections = value;
            return this;
        }

        /** Chat: how many of the members send (default 1). */
        public Builder senders(int value) {
            senders = value;
            return this;
        }

        /** Chat: how many messages each sender has in flight at most (default 1). */
        public Builder inFlight(int value) {
            inFlight = value;
            return this;
        }

        /** Message, chunk, datagram or chat line bytes (default: the workload's). */
        public Builder size(int value) {
            size = value;
            return this;
        }

        /** How long the counted part lasts (default 10s). */
        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        /** How long the run goes before counting (default 2s). */
        public Builder warmup(Duration value) {
            warmup = value;
            return this;
        }

        /** A cap on the operations counted. */
        public Builder requests(long value) {
            requests = OptionalLong.of(value);
            return this;
        }

        /** Selector threads (default: the cores). */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /**
         * How long a connect, and each echo, greeting or chat sender's message, may take; chat members get
         * this or the duration, whichever is longer, to join the room (default 5s).
         */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** How long a UDP echo may take before the datagram counts as lost (default 1s). */
        public Builder udpTimeout(Duration value) {
            udpTimeout = value;
            return this;
        }

        /** Source addresses to bind each socket to in turn. */
        public Builder sources(SourceRange value) {
            sources = Optional.of(value);
            return this;
        }

        /** The server's process, for idle to measure its memory. */
        public Builder serverPid(long value) {
            serverPid = OptionalLong.of(value);
            return this;
        }

        /** http: the path each connection GETs (default {@code /}). */
        public Builder path(String value) {
            path = value;
            return this;
        }

        /** http: the status every response must have (default 200). */
        public Builder status(int value) {
            status = value;
            return this;
        }

        /** rpc: how the calls travel (default: TCP). */
        public Builder transport(Transport value) {
            transport = value;
            return this;
        }

        /** rpc: XML-RPC rather than JSON-RPC, over HTTP alone (default: JSON-RPC). */
        public Builder xml(boolean value) {
            xml = value;
            return this;
        }

        /**
         * The plan.
         *
         * @throws BenchPlanException if a value is out of bounds
         */
        public BenchPlan build() {
            boolean chat = workload == Workload.CHAT;
            if (!chat && (senders != null || inFlight != null)) {
                throw new BenchPlanException((senders != null ? "--senders" : "--in-flight") + " applies to chat alone");
            }
            boolean http = workload == Workload.HTTP;
            if (!http && (path != null || status != null)) {
                throw new BenchPlanException((path != null ? "PATH" : "--status") + " applies to http alone");
            }
            boolean rpc = workload == Workload.RPC;
            if (!rpc && (transport != null || xml != null)) {
                throw new BenchPlanException((transport != null ? "--transport" : "--xml") + " applies to rpc alone");
            }
            Optional<RpcCall> call = rpc ? Optional.of(RpcCall.of(transport == null ? Transport.TCP : transport,
                    xml != null && xml, target)) : Optional.empty();
            Optional<HttpGet> get = http
                    ? Optional.of(HttpGet.of(path == null ? "/" : path, target, valueOr(status, 200)))
                    : Optional.empty();
            return new BenchPlan(workload, target, connections, chat ? valueOr(senders, 1) : 0,
                    chat ? valueOr(inFlight, 1) : 0, valueOr(size, workload.defaultSize()), duration,
                    workload == Workload.IDLE ? Duration.ZERO : warmup, requests, threads, connectTimeout, udpTimeout,
                    sources, serverPid, get, call);
        }

        private static int valueOr(Integer value, int otherwise) {
            return value == null ? otherwise : value;
        }
    }
}
