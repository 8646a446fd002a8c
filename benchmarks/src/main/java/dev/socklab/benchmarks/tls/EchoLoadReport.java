package dev.socklab.benchmarks.tls;

/**
 * What a TLS echo load counted in its window, written and read as one line of JSON.
 *
 * @param connections    connections at once
 * @param chunk          bytes written, and read back, per round trip
 * @param seconds        the counted window, from its start to the last round trip counted
 * @param roundTrips     chunks echoed whole within the window
 * @param megabytesEachWay MB (10^6 bytes) a second sent, and as many received back
 * @param protocol       the TLS version the first connection negotiated
 * @param cipherSuite    its cipher suite
 * @param failures       connections that ended in an error
 * @param firstFailure   the first of those errors; empty with none
 */
public record EchoLoadReport(int connections, int chunk, double seconds, long roundTrips, double megabytesEachWay,
                             String protocol, String cipherSuite, long failures, String firstFailure) {
    /** Round trips a second. */
    public double roundTripsPerSecond() {
        return roundTrips / seconds;
    }
}
