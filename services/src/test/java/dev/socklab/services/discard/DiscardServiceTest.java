package dev.socklab.services.discard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

@Timeout(30)
class DiscardServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long "nothing comes back" is watched for: long enough for loopback, short for the suite. */
    private static final Duration QUIET = Duration.ofMillis(200);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void readsAMegabyteToTheEndAndSendsNothingBack(StreamTransport transport) throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(863).nextBytes(data);
        Endpoint bound = servers.stream("discard", new DiscardService(), transport.endpoint(dir));
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            client.send(data);
            assertThatThrownBy(() -> client.read(1, QUIET))
                    .as("a byte or EOF before the client half-closed")
                    .isInstanceOf(SocketTimeoutException.class);
            client.shutdownOutput();
            assertThat(client.readAllBytes(WAIT)).isEmpty();
            log.awaitContaining("discard#", "closed by client", "in 1048576 B, out 0 B");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void answersNoDatagram(boolean ipv6) throws IOException {
        Endpoint bound = servers.datagram("discard", new DiscardService(), StreamTransport.udp(ipv6));
        try (LogCapture log = LogCapture.socklab(); DatagramChannel client = DatagramChannel.open()) {
            for (String request : List.of("into the void", "")) {
                client.send(ByteBuffer.wrap(request.getBytes()), bound.address());
                // The exchange's log line says the service is done with it, and that it sent nothing.
                log.awaitContaining("no reply", "(in " + request.length() + " B, out 0 B");
            }
            client.socket().setSoTimeout((int) QUIET.toMillis());
            DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
            assertThatThrownBy(() -> client.socket().receive(packet)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void declaresThatItNeverRepliesNorRefusesInWords() {
        DiscardService discard = new DiscardService();
        assertThat(List.of(0, 1, 512, 65_507)).allSatisfy(request -> assertThat(discard.maxReplyBytes(request)).isZero());
        assertThat(discard.refusalLine("too many connections")).isEmpty();
    }

    @Test
    void netcatSendsItsInputAndExitsOnceTheServerCloses() throws Exception {
        String nc = Tools.require("nc.openbsd");
        Endpoint bound = servers.stream("discard", new DiscardService(), StreamTransport.TCP_IPV4.endpoint(dir));
        // -N: shut down the sending side at the end of input; the server reads EOF and closes.
        assertThat(netcat(List.of(nc, "-N", "127.0.0.1", port(bound)), "gone\nfor good\n")).isEmpty();
    }

    @Test
    void netcatReachesItOverAUnixSocket() throws Exception {
        String nc = Tools.require("nc.openbsd");
        Endpoint bound = servers.stream("discard", new DiscardService(), StreamTransport.UNIX.endpoint(dir));
        String path = ((UnixDomainSocketAddress) bound.address()).getPath().toString();
        assertThat(netcat(List.of(nc, "-N", "-U", path), "through a unix socket\n")).isEmpty();
    }

    @Test
    void netcatOverUdpSendsItsDatagram() throws Exception {
        String nc = Tools.require("nc.openbsd");
        Endpoint bound = servers.datagram("discard", new DiscardService(), StreamTransport.udp(false));
        try (LogCapture log = LogCapture.socklab()) {
            // -q 0: leave as soon as the input is sent, since no answer is coming.
            assertThat(netcat(List.of(nc, "-u", "-q", "0", "127.0.0.1", port(bound)), "over udp\n")).isEmpty();
            log.awaitContaining("no reply", "(in 9 B, out 0 B");
        }
    }

    /** Runs netcat with {@code input}; what it printed, once it exited with 0. */
    private static String netcat(List<String> command, String input) throws Exception {
        try (LabProgram client = LabProgram.start(command)) {
            client.input(input);
            String output = client.outputUntilExit(WAIT);
            assertThat(client.exitCode()).as(output).isZero();
            return output;
        }
    }

    private static String port(Endpoint endpoint) {
        return String.valueOf(((InetSocketAddress) endpoint.address()).getPort());
    }
}
