package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.PortRange;
import dev.socklab.service.Connection;
import dev.socklab.service.DataConnection;
import dev.socklab.service.DataListener;
import dev.socklab.service.StreamService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/**
 * A control connection's data connections (FTP's passive and active modes) and its upgrade to TLS
 * (AUTH TLS), as a service that speaks a tiny line protocol sees them.
 */
@Timeout(30)
class DataConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /**
     * How long the service waits for a passive data connection: a client that connects as soon as it
     * reads the port makes it well within this on a busy machine, and the test of one that never comes
     * waits it out.
     */
    private static final Duration ACCEPT = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** "pasv [tls]": a data port, then "sent" once a line went over it; "port P": the same, active; "auth": TLS. */
    private static final class Control implements StreamService {
        @Override
        public void serve(Connection conn) throws IOException {
            Optional<String> line;
            while ((line = conn.readLine()).isPresent()) {
                String[] words = line.get().split(" ");
                switch (words[0]) {
                    case "pasv" -> {
                        try (DataListener listener = conn.listenForData(PortRange.ANY)) {
                            conn.writeLine("port " + ((InetSocketAddress) listener.local()).getPort());
                            try (DataConnection data = listener.accept(ACCEPT, words.length > 1)) {
                                data.writeLine("data for " + ((InetSocketAddress) data.peer()).getAddress().getHostAddress());
                            } catch (java.net.SocketTimeoutException e) {
                                conn.writeLine("no data connection");
                                continue;
                            }
                        }
                        conn.writeLine("sent");
                    }
                    case "port" -> {
                        InetSocketAddress target = new InetSocketAddress(words[1], Integer.parseInt(words[2]));
                        try (DataConnection data = conn.connectForData(target, false, WAIT)) {
                            data.writeLine("active data");
                            conn.writeLine("sent");
                        } catch (java.net.ConnectException e) {
                            conn.writeLine("refused: " + e.getMessage());
                        }
                    }
                    case "auth" -> {
                        if (!conn.tlsAvailable()) {
                            conn.writeLine("no tls");
                            continue;
                        }
                        conn.writeLine("go");
                        conn.writeLine("tls " + conn.startTls().protocol());
                    }
                    default -> conn.writeLine("echo " + line.get());
                }
            }
        }

        @Override
        public boolean startsTls() {
            return true;
        }
    }

    private InetSocketAddress serve(Server.Builder builder) {
        Server server = servers.start(builder.stream("ctl", new Control(), Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0))));
        return (InetSocketAddress) server.bindings().getFirst().endpoint().address();
    }

    private record Client(Socket socket, BufferedReader in, PrintWriter out) implements AutoCloseable {
        static Client to(InetSocketAddress server) throws IOException {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            socket.connect(server);
            socket.setSoTimeout((int) WAIT.toMillis());
            return new Client(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8));
        }

        String ask(String line) throws IOException {
            out.print(line + "\r\n");
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String readLine(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aPassiveDataConnectionFromTheClientCarriesDataAndIsLogged() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress server = serve(Server.builder());
            try (Client client = Client.to(server)) {
                String port = client.ask("pasv");
                try (Socket data = new Socket()) {
                    data.bind(new InetSocketAddress("127.0.0.1", 0));
                    data.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.substring(5))));
                    assertThat(readLine(data)).isEqualTo("data for 127.0.0.1");
                }
                assertThat(client.in.readLine()).isEqualTo("sent");
            }
            assertThat(log.awaitContaining("ctl#1.data1 tcp 127.0.0.1:", "closed by server (in 0 B, out 20 B"))
                    .isNotEmpty();
        }
    }

    @Test
    void aDataConnectionFromAnotherHostIsRefusedAndTheClientsOwnStillComes() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress server = serve(Server.builder());
            try (Client client = Client.to(server)) {
                int port = Integer.parseInt(client.ask("pasv").substring(5));
                try (Socket thief = new Socket()) {
                    thief.bind(new InetSocketAddress("127.0.0.2", 0));
                    thief.connect(new InetSocketAddress("127.0.0.1", port));
                    assertThat(thief.getInputStream().read()).as("the thief reads nothing").isEqualTo(-1);
                }
                assertThat(log.awaitContaining("refused a data connection from 127.0.0.2:")).isNotEmpty();
                try (Socket data = new Socket()) {
                    data.bind(new InetSocketAddress("127.0.0.1", 0));
                    data.connect(new InetSocketAddress("127.0.0.1", port));
                    assertThat(readLine(data)).isEqualTo("data for 127.0.0.1");
                }
                assertThat(client.in.readLine()).isEqualTo("sent");
            }
        }
    }

    @Test
    void anActiveDataConnectionGoesToTheClientsHostOnlyNeverToAThirdParty() throws IOException {
        InetSocketAddress server = serve(Server.builder());
        try (Client client = Client.to(server);
             ServerSocket own = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
             ServerSocket third = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.2"))) {
            assertThat(client.ask("port 127.0.0.2 " + third.getLocalPort())).startsWith("refused: ")
                    .contains("no FTP bounce");
            assertThat(client.ask("port 127.0.0.1 " + own.getLocalPort())).isEqualTo("sent");
            own.setSoTimeout((int) WAIT.toMillis());
            try (Socket data = own.accept()) {
                assertThat(readLine(data)).isEqualTo("active data");
            }
        }
    }

    @Test
    void aClientThatNeverConnectsGetsTheServicesTimeoutAndNothingStaysOpen() throws IOException {
        InetSocketAddress server = serve(Server.builder());
        try (Client client = Client.to(server)) {
            int port = Integer.parseInt(client.ask("pasv").substring(5));
            client.socket.setSoTimeout((int) WAIT.multipliedBy(2).toMillis());
            assertThat(client.in.readLine()).isEqualTo("no data connection");
            try (Socket late = new Socket()) {
                late.connect(new InetSocketAddress("127.0.0.1", port));
                assertThat(late.getInputStream().read()).isEqualTo(-1);
            } catch (java.net.SocketException e) {
                // Refused or reset: the port is closed, just as good.
            }
        }
    }

    @Test
    void authTurnsTheControlConnectionIntoTlsAndPassiveDataSpeaksTlsToo() throws IOException {
        TestCertificates pair = TestCertificates.in(dir);
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress server = serve(Server.builder().tls(pair.serverTls()));
            try (Client client = Client.to(server)) {
                assertThat(client.ask("hello")).isEqualTo("echo hello");
                assertThat(client.ask("auth")).isEqualTo("go");
                SSLSocketFactory factory = pair.clientContext().getSocketFactory();
                try (SSLSocket tls = (SSLSocket) factory.createSocket(client.socket, "localhost", server.getPort(), false)) {
                    tls.setSoTimeout((int) WAIT.toMillis());
                    tls.startHandshake();
                    BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = tls.getOutputStream();
                    assertThat(in.readLine()).isEqualTo("tls TLSv1.3");
                    out.write("pasv tls\r\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    int port = Integer.parseInt(in.readLine().substring(5));
                    try (SSLSocket data = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
                        assertThat(readLine(data)).isEqualTo("data for 127.0.0.1");
                    }
                    assertThat(in.readLine()).isEqualTo("sent");
                    out.write("again\r\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    assertThat(in.readLine()).isEqualTo("echo again");
                }
            }
            assertThat(log.awaitContaining("ctl#1 tcp 127.0.0.1:", "; TLSv1.3 TLS_")).isNotEmpty();
            assertThat(log.awaitContaining("ctl#1.data1 tls 127.0.0.1:")).isNotEmpty();
        }
    }

    @Test
    void plaintextSentBehindAuthIsDiscardedNotReadAsIfItCameOverTls() throws IOException {
        TestCertificates pair = TestCertificates.in(dir);
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress server = serve(Server.builder().tls(pair.serverTls()));
            try (Client client = Client.to(server)) {
                // The injection of CVE-2011-0411: a command behind the STARTTLS one, in the same segment.
                assertThat(client.ask("auth\r\ninjected")).isEqualTo("go");
                try (SSLSocket tls = (SSLSocket) pair.clientContext().getSocketFactory()
                        .createSocket(client.socket, "localhost", server.getPort(), false)) {
                    tls.setSoTimeout((int) WAIT.toMillis());
                    BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("tls TLSv1.3");
                    tls.getOutputStream().write("after\r\n".getBytes(StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("echo after");
                }
            }
            assertThat(log.awaitContaining("discarded 10 B the client sent before the TLS handshake")).isNotEmpty();
        }
    }

    @Test
    void withoutACertificateAuthIsNotAvailable() throws IOException {
        InetSocketAddress server = serve(Server.builder());
        try (Client client = Client.to(server)) {
            assertThat(client.ask("auth")).isEqualTo("no tls");
        }
    }
}
