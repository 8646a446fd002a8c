package dev.socklab.benchmarks.compare;

/** The two servers compared, and the line each prints once it is serving. */
enum Side {
    /** {@code ./socklab serve}: virtual threads and blocking sockets. */
    SOCKLAB("socklab", "Press Ctrl-C to stop."),
    /** The Netty 4.1 baseline of this module. */
    NETTY("netty", "ready");

    private final String label;
    private final String readyLine;

    Side(String label, String readyLine) {
        this.label = label;
        this.readyLine = readyLine;
    }

    String label() {
        return label;
    }

    /** The line the server prints, alone, after its listeners are bound. */
    String readyLine() {
        return readyLine;
    }
}
