package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LookupClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Host LOOPBACK = Host.parse("127.0.0.1");

    /** The lab's arp server: raw 1024-byte chunks in, one answer with no line end out, until the client closes. */
    private static final String LAB_ARP_SERVER = """
            table = {"10.0.0.1": "0A:0B:0C:0D"}
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            c, a = s.accept()
            while True:
                data = c.recv(1024)
                if not data:
                    break
                c.send(table.get(data.decode().strip(), "Not Found").encode())
            c.close()
            """;

    /** A line-based server: each request line gets an answer line ended by CRLF. */
    private static final String CRLF_SERVER = """
            table = {"10.0.0.1": "0A:0B:0C:0D", "0A:0B:0C:0D": "10.0.0.1 10.0.0.2", "zz": 'Invalid address: "zz"'}
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            c, a = s.accept()
            for line in c.makefile("rb"):
                c.sendall((table.get(line.decode().strip(), "Not Found") + "\\r\\n").encode())
            c.close()
            """;

    /** The lab's arp server over UDP: one answer datagram per request datagram. */
    private static final String UDP_SERVER = """
            table = {"10.0.0.1": "0A:0B:0C:0D", "0A:0B:0C:0D": "10.0.0.1 10.0.0.2"}
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", 0))
            print(s.getsockname()[1], flush=True)
            while True:
                data, addr = s.recvfrom(1024)
                s.sendto(table.get(data.decode().strip(), "Not Found").encode(), addr)
            """;

    @TempDir
    Path dir;

    @Test
    void twoLookupsOnOneConnectionToTheLabsServerGetTheirOwnReplies() throws Exception {
        TraceLines trace = new TraceLines();
        try (LabServer lab = LabServer.start(dir, LAB_ARP_SERVER)) {
            try (ClientConnection conn = connect(lab, trace.tracer())) {
                assertThat(LookupClient.lookup(conn, "10.0.0.1", TIMEOUT)).isEqualTo("0A:0B:0C:0D");
                assertThat(LookupClient.lookup(conn, "10.0.0.2", TIMEOUT)).isEqualTo("Not Found");
            }
            assertThat(lab.exitsWithin(TIMEOUT)).isTrue();
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.endsWith("send(9) = 9 \"10.0.0.1\\n\""))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("\"0A:0B:0C:0D\""))
                .anyMatch(line -> line.endsWith("send(9) = 9 \"10.0.0.2\\n\""))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("\"Not Found\""));
    }

    @Test
    void repliesEndedByCrlfComeWithoutTheirLineEnd() throws Exception {
        try (LabServer lab = LabServer.start(dir, CRLF_SERVER);
                ClientConnection conn = connect(lab, Tracer.off())) {
            assertThat(LookupClient.lookup(conn, "10.0.0.1", TIMEOUT)).isEqualTo("0A:0B:0C:0D");
            assertThat(LookupClient.lookup(conn, "0A:0B:0C:0D", TIMEOUT)).isEqualTo("10.0.0.1 10.0.0.2");
            assertThat(LookupClient.lookup(conn, "zz", TIMEOUT)).isEqualTo("Invalid address: \"zz\"");
            assertThat(LookupClient.lookup(conn, "10.9.9.9", TIMEOUT)).isEqualTo("Not Found");
        }
    }

    @Test
    void eachUdpRequestGetsItsReplyDatagram() throws Exception {
        TraceLines trace = new TraceLines();
        try (LabServer lab = LabServer.start(dir, UDP_SERVER);
                DatagramClient client = DatagramClient.open(LOOPBACK, lab.port(), Family.IPV4, trace.tracer(), "rarp")) {
            assertThat(LookupClient.lookup(client, "0A:0B:0C:0D", TIMEOUT)).isEqualTo("10.0.0.1 10.0.0.2");
            assertThat(LookupClient.lookup(client, "10.0.0.1", TIMEOUT)).isEqualTo("0A:0B:0C:0D");
            assertThat(LookupClient.lookup(client, "0A:0B:0C:0E", TIMEOUT)).isEqualTo("Not Found");
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.contains("sendto(11) = 11 to 127.0.0.1:") && line.endsWith("\"0A:0B:0C:0D\""))
                .anyMatch(line -> line.contains("recvfrom(") && line.endsWith("\"10.0.0.1 10.0.0.2\""));
    }

    @Test
    void overUdpSaysWhoDidNotAnswer() throws Exception {
        // It reads and never answers; a port where nothing listens would be refused at once instead.
        try (JavaDatagramServer silent = JavaDatagramServer.silent()) {
            int port = silent.port();
            try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "arp")) {
                assertThatThrownBy(() -> LookupClient.lookup(client, "10.0.0.1", Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("no answer from 127.0.0.1:" + port + " within 300ms");
            }
        }
    }

    @Test
    void aServerThatClosesWithoutAnsweringIsAnEndOfFile() throws Exception {
        try (JavaReplyServer server = JavaReplyServer.start(new byte[0]);
                ClientConnection conn = connect(server.address())) {
            assertThatThrownBy(() -> LookupClient.lookup(conn, "10.0.0.1", TIMEOUT))
                    .isInstanceOf(EOFException.class)
                    .hasMessage("the server closed the connection without answering");
        }
    }

    @Test
    void aReplyPastTheLimitIsRefusedByName() throws Exception {
        byte[] endless = "0A:".repeat(30_000).getBytes(StandardCharsets.US_ASCII);
        try (JavaReplyServer server = JavaReplyServer.start(endless);
                ClientConnection conn = connect(server.address())) {
            assertThatThrownBy(() -> LookupClient.lookup(conn, "10.0.0.1", TIMEOUT))
                    .isInstanceOf(ReplyTooLongException.class)
                    .hasMessage("the server's reply passed 65536 bytes without ending");
        }
    }

    @Test
    void aRequestWithALineEndIsRefusedBeforeAnythingIsSent() throws Exception {
        try (DatagramClient client = DatagramClient.open(LOOPBACK, FreePorts.udp(), Family.IPV4, Tracer.off(), "arp")) {
            assertThatThrownBy(() -> LookupClient.lookup(client, "10.0.0.1\n10.0.0.2", TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a request is one line, with no line end in it");
        }
    }

    private static ClientConnection connect(LabServer lab, Tracer tracer) throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), lab.port());
        return ClientConnection.connect("127.0.0.1", lab.port(), List.of(address), TIMEOUT, tracer, "arp");
    }

    private static ClientConnection connect(InetSocketAddress address) throws Exception {
        return ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address), TIMEOUT, Tracer.off(), "arp");
    }
}
