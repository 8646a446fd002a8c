package dev.socklab.bench;

/** One kind of exchange a soak run mixes, each checked byte for byte. */
public enum SoakPart {
    /** Round trips of random payloads over TCP to an echo server. */
    TCP_ECHO("tcp echo"),
    /** Round trips of random payloads over a Unix socket to an echo server. */
    UNIX_ECHO("unix echo"),
    /** Random datagrams to a UDP echo server, each echo compared with its datagram. */
    UDP_ECHO("udp echo"),
    /** Connect, read the greeting to the end of stream, close: every greeting must equal the first. */
    GREETING("greeting");

    private final String label;

    SoakPart(String label) {
        this.label = label;
    }

    /** How reports name it: {@code tcp echo}. */
    public String label() {
        return label;
    }

    /** Whether its socket is a stream that connects and may be refused, rather than a datagram socket. */
    boolean isStream() {
        return this != UDP_ECHO;
    }
}
