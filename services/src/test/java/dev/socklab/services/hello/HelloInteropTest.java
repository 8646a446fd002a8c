package dev.socklab.services.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/** The greeting against clients nobody here wrote: a Python program as the lab teaches it, and OpenBSD netcat. */
@Timeout(30)
class HelloInteropTest {
    /** The lab's client, word for word but for the address, which it takes from the command line. */
    private static final String LAB_CLIENT = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.connect((sys.argv[1], int(sys.argv[2])))
            print(s.getsockname())
            print(s.recv(1024).decode())
            s.close()
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    int tcpPort;
    int udpPort;

    @BeforeEach
    void start() {
        HelloService hello = new HelloService(HelloService.DEFAULT_GREETING);
        Server server = servers.start(Server.builder()
                .stream("hello", hello, StreamTransport.TCP_IPV4.endpoint(dir))
                .datagram("hello", hello, StreamTransport.udp(false)));
        tcpPort = port(server.bindings().get(0).endpoint());
        udpPort = port(server.bindings().get(1).endpoint());
    }

    @Test
    void labStylePythonClientPrintsTheGreetingAndTheServerLogsItsAddress() throws Exception {
        Tools.require("python3");
        try (LogCapture log = LogCapture.socklab();
             LabProgram client = LabProgram.python(dir, LAB_CLIENT, "127.0.0.1", String.valueOf(tcpPort))) {
            String output = client.outputUntilExit(Duration.ofSeconds(10));
            String[] lines = output.split("\n");
            // ('127.0.0.1', 53422): the client's own address, which the server's log must name.
            String clientPort = lines[0].replaceAll(".*, (\\d+)\\)", "$1");
            assertThat(lines[1]).isEqualTo("Hello World!\r");
            log.awaitContaining("hello#", "127.0.0.1:" + clientPort + " -> 127.0.0.1:" + tcpPort);
        }
    }

    @Test
    void netcatPrintsTheGreeting() throws Exception {
        String nc = Tools.require("nc.openbsd");
        try (LabProgram client = LabProgram.start(List.of(nc, "127.0.0.1", String.valueOf(tcpPort)))) {
            client.input("");
            assertThat(client.outputUntilExit(Duration.ofSeconds(10))).isEqualTo("Hello World!\r\n");
        }
    }

    @Test
    void netcatOverUdpPrintsTheGreeting() throws Exception {
        String nc = Tools.require("nc.openbsd");
        // -W 1: leave after one datagram has come back, so the test does not wait on a timeout.
        try (LabProgram client = LabProgram.start(List.of(nc, "-u", "-W", "1", "127.0.0.1", String.valueOf(udpPort)))) {
            client.input("hi\n");
            assertThat(client.outputUntilExit(Duration.ofSeconds(10))).isEqualTo("Hello World!\r\n");
        }
    }

    private static int port(Endpoint endpoint) {
        return ((InetSocketAddress) endpoint.address()).getPort();
    }
}
