package dev.socklab.client;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;

/** One request datagram and the one reply datagram it gets: the lab's UDP services answer each datagram once. */
final class DatagramExchange {
    /** The largest UDP payload is 65,507 bytes; a buffer this size never cuts a reply. */
    static final int MAX_DATAGRAM = 65_536;

    private DatagramExchange() {
    }

    /**
     * Sends {@code request} as one datagram and returns the first reply that comes within
     * {@code timeout}, from any address, decoded as UTF-8 and without one trailing CRLF or LF.
     *
     * @throws SocketTimeoutException if no reply comes, such as {@code no answer from 127.0.0.1:10013 within 2s}
     * @throws IOException if sending or receiving fails
     */
    static String request(DatagramClient client, byte[] request, Duration timeout) throws IOException {
        client.send(request);
        DatagramClient.Reply reply = client.receive(MAX_DATAGRAM, timeout)
                .orElseThrow(() -> noAnswer(client, timeout));
        return LineEnds.strip(StandardCharsets.UTF_8.decode(reply.data()).toString());
    }

    /** The exception for a server that did not answer: it names the server and the wait. */
    static SocketTimeoutException noAnswer(DatagramClient client, Duration timeout) {
        return new SocketTimeoutException("no answer from " + SocketAddresses.format(client.server()) + " within "
                + Durations.format(timeout));
    }

    /**
     * {@code refused} with the hint that a socklab server serves {@code service} over UDP only when
     * named, as for the classic reflection amplifiers qotd and chargen: a server started with the
     * defaults listens on the service's TCP port but not on its UDP port.
     */
    static PortUnreachableException servedOnlyWhenNamed(PortUnreachableException refused, String service) {
        PortUnreachableException e = new PortUnreachableException(refused.getMessage() + "; socklab serves " + service
                + " over UDP only when named: start the server with 'socklab serve " + service + "/udp'");
        e.initCause(refused);
        return e;
    }
}
