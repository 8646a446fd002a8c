package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.Transport;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** {@code socklab bench soak} run in process for a second against socklab's echo and hello services. */
@Timeout(30)
class SoakCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void soakOverTcpUdpAndUnixPrintsTheCountsAndExitsZero() {
        Path socket = dir.resolve("echo.sock");
        Server server = servers.start(Server.builder()
                .stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir))
                .stream("echo", new EchoService(), dev.socklab.runtime.Endpoint.unix(socket))
                .stream("hello", new HelloService(HelloService.DEFAULT_GREETING), StreamTransport.TCP_IPV4.endpoint(dir)));
        int echo = port(server, "echo");
        // UDP echo on the same port number as TCP echo, as socklab serve binds it.
        servers.start(Server.builder().datagram("echo", new EchoService(), dev.socklab.runtime.Endpoint.udp(
                new InetSocketAddress("127.0.0.1", echo))));

        CommandRun run = CommandRun.of("bench", "soak", "127.0.0.1", "--echo-port", Integer.toString(echo),
                "--hello-port", Integer.toString(port(server, "hello")), "--unix", socket.toString(),
                "--clients", "2", "--duration", "1s");

        assertThat(run.exitCode()).as("exit code; stderr: %s; stdout: %s", run.err(), run.out()).isZero();
        assertThat(run.out()).contains("errors: none").containsPattern("unix echo +[1-9]")
                .containsPattern("udp echo +[1-9]").containsPattern("tcp echo +[1-9]").containsPattern("greeting +[1-9]");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void soakWithNothingListeningFailsWithExitCodeFour() {
        CommandRun run = CommandRun.of("bench", "soak", "127.0.0.1", "--echo-port", "1", "--hello-port", "1",
                "--duration", "500ms", "--timeout", "200ms");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NETWORK.code);
        assertThat(run.err()).startsWith("socklab: the soak failed: ").contains("refused");
    }

    @Test
    void soakRefusesZeroClients() {
        CommandRun.of("bench", "soak", "--clients", "0").failedWith(ExitCode.USAGE, "--clients must be from 1 to 1000");
    }

    private static int port(Server server, String service) {
        return server.bindings().stream().filter(b -> b.service().equals(service))
                .filter(b -> b.endpoint().transport() == Transport.TCP).map(Binding::endpoint)
                .map(e -> ((InetSocketAddress) e.address()).getPort()).findFirst().orElseThrow();
    }
}
