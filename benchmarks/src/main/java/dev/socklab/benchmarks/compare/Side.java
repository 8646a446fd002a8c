package dev.socklab.benchmarks.compare;

/** The servers compared, in the order each round runs them, and the line each prints once it is serving. */
enum Side {
    /** {@code ./socklab serve --io epoll}: the engine socklab ships as its default, carriers that own their sockets. */
    SOCKLAB("socklab", "epoll", "Press Ctrl-C to stop."),
    /** {@code ./socklab serve --io jdk}: the JDK's own virtual-thread scheduler and poller. */
    SOCKLAB_JDK("socklab-jdk", "jdk", "Press Ctrl-C to stop."),
    /** The Netty 4.1 baseline of this module. */
    NETTY("netty", "", "ready");

    private final String label;
    private final String engine;
    private final String readyLine;

    Side(String label, String engine, String readyLine) {
        this.label = label;
        this.engine = engine;
        this.readyLine = readyLine;
    }

    String label() {
        return label;
    }

    /** The I/O engine socklab is asked for with {@code --io}: {@code epoll} or {@code jdk}; empty for Netty. */
    String engine() {
        return engine;
    }

    /** Whether this is socklab, on one of its engines. */
    boolean socklab() {
        return !engine.isEmpty();
    }

    /** The line the server prints, alone, after its listeners are bound. */
    String readyLine() {
        return readyLine;
    }
}
