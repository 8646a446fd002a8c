import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.Transport;

// The shout service served as its main serves it, on loopback ports the system picks, and a client of each transport.
class ShoutServiceTest {
    private static final int TIMEOUT_MILLIS = 5_000;

    private Server server;

    @BeforeEach
    void serve() {
        ShoutService shout = new ShoutService();
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = Server.builder()
                .stream("shout", shout, Endpoint.tcp(loopback))
                .datagram("shout", shout, Endpoint.udp(loopback))
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void shoutsEachLineBackOverTcp() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(bound(Transport.TCP), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.print("hi\r\n");
            out.flush();
            assertEquals("HI", in.readLine());
            out.print("Straight-line code\r\n");
            out.flush();
            assertEquals("STRAIGHT-LINE CODE", in.readLine());
        }
    }

    @Test
    void shoutsADatagramBackOverUdp() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            byte[] hi = "hi".getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(hi, hi.length, bound(Transport.UDP)));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            assertEquals("HI", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
        }
    }

    private SocketAddress bound(Transport transport) {
        return server.bindings().stream()
                .map(Binding::endpoint)
                .filter(endpoint -> endpoint.transport() == transport)
                .map(Endpoint::address)
                .findFirst()
                .orElseThrow();
    }
}
