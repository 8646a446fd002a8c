package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.framing.ByteSource;
import dev.socklab.http.Fields;
import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Transport;
import dev.socklab.service.Connection;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Route;
import dev.socklab.services.http.Router;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.websocket.FrameWriter;
import dev.socklab.websocket.Handshake;
import dev.socklab.websocket.Message;
import dev.socklab.websocket.MessageReader;
import dev.socklab.websocket.Opcode;
import dev.socklab.websocket.Role;

/** {@code socklab ws} in process, against the http service's /ws and against scripted WebSocket servers. */
@Timeout(30)
// System.in is swapped, as in ChatCommandTest and LabClientCommandsTest.
@ResourceLock(Resources.SYSTEM_OUT)
// --trace writes to System.err, which other tests capture by replacing it.
@ResourceLock(Resources.SYSTEM_ERR)
class WsCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void eachLineOfInputComesBackFromTheEchoAndTheClientClosesNormallyAtItsEnd(StreamTransport transport) {
        Endpoint http = servers.stream("http", HttpService.of(HttpSettings.defaults()), transport.endpoint(dir));

        CommandRun run = run("hello\ndéjà vu\n\n", args(http, "/ws"));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("hello\ndéjà vu\n\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void binaryMessagesPrintAsTheirLengthAndFirstBytesInHex() throws IOException {
        byte[] twenty = new byte[20];
        for (int i = 0; i < twenty.length; i++) {
            twenty[i] = (byte) i;
        }
        Endpoint http = serve(conn -> {
            FrameWriter writer = new FrameWriter(Role.SERVER, conn::write);
            writer.binary(ByteBuffer.wrap(new byte[] {(byte) 0xca, (byte) 0xfe}));
            writer.binary(ByteBuffer.wrap(twenty));
            writer.binary(ByteBuffer.allocate(0));
            writer.close(1000, "");
        });

        CommandRun run = runTyping(args(http, "/scripted"));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("[binary, 2 bytes] ca fe",
                "[binary, 20 bytes] 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f …", "[binary, 0 bytes]");
    }

    @Test
    void aPingFromTheServerIsAnsweredWithAPongCarryingItsPayload() throws IOException {
        Endpoint http = serve(conn -> {
            FrameWriter writer = new FrameWriter(Role.SERVER, conn::write);
            writer.ping(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.US_ASCII)));
            Message answer = new MessageReader(new ConnectionSource(conn), Role.SERVER, 1024).read().orElseThrow();
            writer.text(answer instanceof Message.Pong pong
                    ? "pong: " + StandardCharsets.US_ASCII.decode(pong.payload())
                    : "not a pong: " + answer);
            writer.close(1000, "");
        });

        CommandRun run = runTyping(args(http, "/scripted"));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("pong: are you there\n");
    }

    @Test
    void aServerThatClosesFirstEndsTheClientWithoutWaitingForTheInput() throws IOException {
        Endpoint http = serve(conn -> new FrameWriter(Role.SERVER, conn::write).close(1000, "enough"));

        CommandRun run = runTyping(args(http, "/scripted"));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
    }

    @Test
    void aCloseWithAnotherCodeExitsFourAndSaysTheCodeAndReason() {
        Endpoint http = serve(conn -> new FrameWriter(Role.SERVER, conn::write).close(1011, "out of ideas"));

        run("", args(http, "/scripted")).failedWith(ExitCode.NETWORK, "closed the WebSocket with 1011 (out of ideas)");
    }

    @Test
    void aServerThatBreaksTheProtocolIsClosedWithItsCodeAndTheClientExitsFour() throws IOException {
        Endpoint http = serve(conn -> conn.write(FrameWriter.clientFrame(Opcode.TEXT, true,
                ByteBuffer.wrap("masked".getBytes(StandardCharsets.US_ASCII)), 42)));

        runTyping(args(http, "/scripted"))
                .failedWith(ExitCode.NETWORK, "the server broke the WebSocket protocol: a masked frame from the server");
    }

    @Test
    void aServerThatDropsTheConnectionWithoutACloseExitsFour() throws IOException {
        Endpoint http = serve(conn -> { });

        runTyping(args(http, "/scripted"))
                .failedWith(ExitCode.NETWORK, "without a WebSocket close frame");
    }

    @Test
    void aPathThatIsNoWebSocketSaysWhatTheServerAnswered() {
        Endpoint http = servers.stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir));

        run("", args(http, "/nothing-here")).failedWith(ExitCode.NETWORK, "the server answered 404 Not Found");
        run("", args(http, "/anything")).failedWith(ExitCode.NETWORK, "the server answered 200 OK");
    }

    @Test
    void otherSchemesAndUdpAreRefusedAsUsage() {
        run("", "ws", "http://localhost/ws").failedWith(ExitCode.USAGE, "is not a ws:// or wss:// URL");
        run("", "ws", "ws://localhost/ws#top").failedWith(ExitCode.USAGE, "no #fragment");
        run("", "ws", "--udp").failedWith(ExitCode.USAGE, "not UDP");
    }

    /** An http service whose /scripted upgrades and then runs {@code script} on the WebSocket. */
    private Endpoint serve(Script script) {
        Route scripted = exchange -> {
            String accept = Handshake.accept(exchange.request());
            script.run(exchange.upgrade(Fields.of("Upgrade", "websocket", "Sec-WebSocket-Accept", accept)));
        };
        return servers.stream("http", new HttpService(HttpSettings.defaults(), new Router().exact("/scripted", scripted)),
                StreamTransport.TCP_IPV4.endpoint(dir));
    }

    /** The scripted server's reads, for the codec. */
    private record ConnectionSource(Connection conn) implements ByteSource {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            return conn.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, Duration wait) throws IOException {
            return conn.read(dst, wait);
        }
    }

    /** What a scripted server does once the WebSocket is open. */
    @FunctionalInterface
    private interface Script {
        void run(Connection conn) throws IOException;
    }

    private static String[] args(Endpoint http, String path) {
        if (http.transport() == Transport.UNIX) {
            return new String[] {"ws", "--unix", ((UnixDomainSocketAddress) http.address()).getPath().toString(),
                    "ws://localhost" + path};
        }
        return new String[] {"ws", "ws://" + SocketAddresses.format((InetSocketAddress) http.address()) + path};
    }

    /** A run whose standard input stays open, as a person's who has not typed yet. */
    private static CommandRun runTyping(String... args) throws IOException {
        try (PipedOutputStream typing = new PipedOutputStream();
             PipedInputStream input = new PipedInputStream(typing)) {
            return run(input, args); // never written nor closed while the command runs: reads wait
        }
    }

    private static CommandRun run(String input, String... args) {
        return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    private static CommandRun run(InputStream input, String... args) {
        InputStream in = System.in;
        System.setIn(input);
        try {
            return CommandRun.of(args);
        } finally {
            System.setIn(in);
        }
    }
}
