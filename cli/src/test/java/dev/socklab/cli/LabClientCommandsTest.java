package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.arp.ArpService;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.arp.RarpService;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.daytime.DaytimeService;
import dev.socklab.services.echo.EchoService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** {@code socklab daytime}, {@code arp}, {@code rarp} and {@code echo}, run in process against socklab's own servers. */
@Timeout(30)
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class LabClientCommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), ZoneId.of("Europe/Paris"));
    private static final ArpTable TABLE = ArpTable.builder()
            .entry("10.0.0.1=0A:0B:0C:0D")
            .entry("fe80::1=0A:0B:0C:0D")
            .build();
    /** How long arp and rarp wait before they take a request with no line end as whole. */
    private static final Duration PAUSE = Duration.ofMillis(200);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void daytimePrintsTheDateAndTheServerLogsTheAcknowledgement() {
        String port = port(servers.stream("daytime", daytime("lab"), StreamTransport.TCP_IPV4.endpoint(dir)));
        try (LogCapture log = LogCapture.socklab()) {
            CommandRun run = CommandRun.of("daytime", "127.0.0.1", port);
            assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
            assertThat(run.out()).isEqualTo("21/11/2026 09:30:00\n");
            log.awaitContaining("acknowledgement from 127.0.0.1:", "\"acknowledgement from socklab\"");

            assertThat(CommandRun.of("daytime", "127.0.0.1", port, "--ack", "merci").out()).isEqualTo("21/11/2026 09:30:00\n");
            log.awaitContaining("acknowledgement from 127.0.0.1:", "\"merci\"");
        }
    }

    @Test
    void daytimeWithoutAcknowledgementSendsNothingBack() {
        String port = port(servers.stream("daytime", daytime("lab"), StreamTransport.TCP_IPV4.endpoint(dir)));
        try (LogCapture log = LogCapture.socklab()) {
            CommandRun run = CommandRun.of("daytime", "127.0.0.1", port, "--no-ack");
            assertThat(run.out()).isEqualTo("21/11/2026 09:30:00\n");
            log.awaitContaining("daytime#", "(in 0 B, out 21 B");
            assertThat(log.lines()).noneMatch(line -> line.startsWith("acknowledgement"));
        }
    }

    @Test
    void daytimeOverUdpSendsTheAcknowledgementAsItsRequest() {
        String port = port(servers.datagram("daytime", daytime("iso"), StreamTransport.udp(false)));
        try (LogCapture log = LogCapture.socklab()) {
            CommandRun run = CommandRun.of("daytime", "127.0.0.1", port, "--udp", "--ack", "over udp");
            assertThat(run.out()).isEqualTo("2026-11-21T09:30:00+01:00\n");
            log.awaitContaining("acknowledgement from 127.0.0.1:", "\"over udp\"");
        }
    }

    @Test
    void arpLooksUpEachAddressGivenAfterTheHostAndPort() {
        String port = port(servers.stream("arp", new ArpService(TABLE, PAUSE), StreamTransport.TCP_IPV4.endpoint(dir)));
        CommandRun run = CommandRun.of("arp", "127.0.0.1", port, "10.0.0.1", "10.0.0.9", "fe80::1", "not-an-address");
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "10.0.0.1 -> 0A:0B:0C:0D",
                "10.0.0.9 -> Not Found",
                "fe80::1 -> 0A:0B:0C:0D",
                "not-an-address -> Invalid address: \"not-an-address\"");
    }

    @Test
    void arpReadsTheAddressesFromStandardInputWhenNoneIsGiven() {
        String port = port(servers.stream("arp", new ArpService(TABLE, PAUSE), StreamTransport.TCP_IPV4.endpoint(dir)));
        CommandRun run = withInput("10.0.0.1\n\n  10.0.0.2 \n", () -> CommandRun.of("arp", "127.0.0.1", port));
        assertThat(run.out().lines()).containsExactly("10.0.0.1 -> 0A:0B:0C:0D", "10.0.0.2 -> Not Found");
    }

    @Test
    void rarpOverUdpAnswersWithEveryAddress() {
        String port = port(servers.datagram("rarp", new RarpService(TABLE, PAUSE), StreamTransport.udp(false)));
        CommandRun run = CommandRun.of("rarp", "127.0.0.1", port, "0a-0b-0c-0d", "--udp");
        assertThat(run.out()).isEqualTo("0a-0b-0c-0d -> 10.0.0.1 fe80::1\n");
    }

    @Test
    void rarpReachesAUnixSocket() {
        Endpoint endpoint = servers.stream("rarp", new RarpService(TABLE, PAUSE), StreamTransport.UNIX.endpoint(dir));
        String path = ((java.net.UnixDomainSocketAddress) endpoint.address()).getPath().toString();
        CommandRun run = CommandRun.of("rarp", "--unix", path, "0A:0B:0C:0D");
        assertThat(run.out()).isEqualTo("0A:0B:0C:0D -> 10.0.0.1 fe80::1\n");
    }

    @Test
    void echoSendsStandardInputAndPrintsWhatComesBack() {
        String port = port(servers.stream("echo", new EchoService(), StreamTransport.TCP_IPV4.endpoint(dir)));
        Captured captured = captured("one\ntwo\n", () -> CommandRun.of("echo", "127.0.0.1", port));
        assertThat(captured.run().exitCode()).isZero();
        assertThat(captured.out()).isEqualTo("one\ntwo\n");
    }

    @Test
    void echoOverUdpSendsADatagramALineAndCountsTheReplies() {
        String port = port(servers.datagram("echo", new EchoService(), StreamTransport.udp(false)));
        Captured captured = captured("a\nb\nc\n", () -> CommandRun.of("echo", "127.0.0.1", port, "--udp"));
        assertThat(captured.run().exitCode()).isZero();
        assertThat(captured.out()).isEqualTo("a\nb\nc\n");
        assertThat(captured.err()).contains("3 sent, 3 received, 0 lost");
    }

    @Test
    void echoOverUdpWithNoServerCountsEveryLineLostAndExitsFive() throws Exception {
        // A bound socket that reads nothing: its port surely has no echo server behind it.
        try (java.nio.channels.DatagramChannel silent = java.nio.channels.DatagramChannel.open()
                .bind(new InetSocketAddress("127.0.0.1", 0))) {
            String port = String.valueOf(((InetSocketAddress) silent.getLocalAddress()).getPort());
            Captured captured = captured("a\nb\n",
                    () -> CommandRun.of("echo", "127.0.0.1", port, "--udp", "--timeout", "200ms"));
            assertThat(captured.run().exitCode()).isEqualTo(ExitCode.NO_ANSWER.code);
            assertThat(captured.err()).contains("2 sent, 0 received, 2 lost");
        }
    }

    /** Daytime at the fixed {@link #CLOCK}, in {@code format}, waiting 2 s for an acknowledgement. */
    private static DaytimeService daytime(String format) {
        return new DaytimeService(CLOCK, DaytimeFormat.parse(format), Duration.ofSeconds(2));
    }

    private static String port(Endpoint endpoint) {
        return String.valueOf(((InetSocketAddress) endpoint.address()).getPort());
    }

    private record Captured(CommandRun run, String out, String err) {
    }

    /** Runs with {@code input} as System.in and System.out and System.err captured (echo writes bytes there). */
    private static Captured captured(String input, java.util.function.Supplier<CommandRun> command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            CommandRun run = withInput(input, command);
            return new Captured(run, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static CommandRun withInput(String input, java.util.function.Supplier<CommandRun> command) {
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.get();
        } finally {
            System.setIn(in);
        }
    }
}
