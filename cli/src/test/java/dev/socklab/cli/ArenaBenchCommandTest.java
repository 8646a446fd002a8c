package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.arena.Arena;
import dev.socklab.services.arena.ArenaService;
import dev.socklab.services.arena.ArenaSettings;
import dev.socklab.testing.ServerUnderTest;

/** {@code socklab bench arena} run in process, for half a second a run, against socklab's arena server. */
@Tag("no-engine")
@Timeout(30)
class ArenaBenchCommandTest {
    private static final String[] SHORT = {"--duration", "500ms", "--warmup", "200ms"};

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void twoBotsPrintTheTableWithTheServersCpuAndTheNotes() {
        // The server runs in this JVM: its PID is this process's.
        CommandRun run = arena("127.0.0.1", serve(), "--bots", "2", "--server-pid",
                Long.toString(ProcessHandle.current().pid()));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).matches("bots +joined +tick p50 us +tick p99 us +tick max us +p99/tick +snaps/s"
                + " +loss +in B/s +out B/s +rtt p50 us +rtt p99 us +join failures +undecodable +load cpu +server cpu");
        assertThat(lines.get(1)).matches("2 +2 +\\d+ +\\d+ +\\d+ +\\d+\\.\\d% +\\d+\\.\\d +\\d+\\.\\d\\d% +\\d+ +\\d+"
                + " +\\d+ +\\d+ +0 +0 +\\d+% +\\d+%");
        assertThat(lines.get(2)).isEqualTo("arena with 2 bots: 30 ticks and 20 snapshots a second, 2 players in the"
                + " arena at most");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aSweepPrintsJsonAndDrawsTheChart() throws IOException {
        Path chart = dir.resolve("arena.svg");

        CommandRun run = arena("127.0.0.1", serve(), "--bots", "1,2", "--json", "--chart", chart.toString());

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> objects = run.out().lines().filter(l -> l.startsWith("  {")).toList();
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0)).startsWith("  {\"bots\": 1, \"joined\": 1, \"seconds\": 0.500, \"tick_rate\": 30, ");
        assertThat(objects.get(1)).contains("\"bots\": 2, ", "\"tick_time_us\": {\"p50\": ", "\"join_failures\": 0, ",
                "\"conditions\": \"none\"}");
        assertThat(Files.readString(chart)).startsWith("<?xml").contains("<polyline", "a third of the tick: 11.1 ms");
    }

    @Test
    void csvHasAHeaderAndARowARunWithTheConditions() {
        CommandRun run = arena("127.0.0.1", serve(), "--bots", "2", "--csv", "--loss", "10%");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("bots,joined,seconds,tick_rate,snapshot_rate,players,tick_time_p50_us,");
        assertThat(lines.get(1)).startsWith("2,2,0.500,30,20,").endsWith(",loss 10%");
        assertThat(lines.get(1).split(",", -1)).hasSize(lines.get(0).split(",").length);
    }

    @Test
    void noServerExitsFourWithOneSentence() throws IOException {
        String port = closedPort();

        CommandRun run = arena("127.0.0.1", port, "--bots", "2").failedWith(ExitCode.NETWORK,
                "no bot got into the arena at 127.0.0.1:" + port, "2 unreachable",
                "is an arena server (socklab serve arena) listening there?");

        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void aFullArenaExitsFourAfterTheTable() {
        Arena arena = new Arena(new ArenaSettings(30, 20, 1, ArenaSettings.DEFAULTS.timeout(),
                ArenaSettings.DEFAULTS.conditions()));

        CommandRun run = arena("127.0.0.1", serve(arena), "--bots", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NETWORK.code);
        assertThat(run.out()).contains("arena with 2 bots: 1 did not get in: 1 refused, the arena full");
        assertThat(run.err()).isEqualTo("socklab: the run with 2 bots is no measure of 2 players: 1 did not get in,"
                + " 0 were dropped, 0 packets could not be rebuilt (see the notes)" + System.lineSeparator());
    }

    static Stream<Arguments> wrongCommandLines() {
        return Stream.of(
                Arguments.of("no bots", new String[] {"--bots", "0"}, new String[] {"--bots must be from 1 to 5000, not 0"}),
                Arguments.of("too many bots", new String[] {"--bots", "5001"},
                        new String[] {"--bots must be from 1 to 5000, not 5001"}),
                Arguments.of("bots that are not a number", new String[] {"--bots", "10,lots"},
                        new String[] {"'lots' is not a number"}),
                Arguments.of("more threads than cores", new String[] {"--threads", "999"},
                        new String[] {"--threads must be from 1 to"}),
                Arguments.of("a duration past ten minutes", new String[] {"--duration", "11m"},
                        new String[] {"--duration must be more than 0 and at most 10m, not 11m"}),
                Arguments.of("a chart without a sweep", new String[] {"--chart", "x.svg"},
                        new String[] {"--chart draws a sweep"}),
                Arguments.of("a server PID that does not hold the socket", new String[] {"--server-pid",
                        Long.toString(ProcessHandle.current().pid())}, new String[] {"does not hold the UDP socket"}),
                Arguments.of("a loss past 100%", new String[] {"--loss", "150%"}, new String[] {"more than 100%"}),
                Arguments.of("both JSON and CSV", new String[] {"--json", "--csv"},
                        new String[] {"--json", "--csv", "mutually exclusive"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongCommandLines")
    void aWrongCommandLineExitsTwoWithOneSentence(String what, String[] options, String[] fragments) throws IOException {
        String port = closedPort(); // nothing runs: every mistake is caught before the first bot
        String[] args = Stream.concat(Stream.of("bench", "arena", "127.0.0.1", port), Stream.of(options))
                .toArray(String[]::new);

        CommandRun.of(args).failedWith(ExitCode.USAGE, fragments);
    }

    @Test
    void helpDocumentsTheJsonKeysAndTheNetworkConditions() {
        CommandRun run = CommandRun.of("bench", "arena", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: socklab bench arena", "--bots", "tick_time_us", "snapshot_loss",
                "bytes_in_per_player_per_second", "--loss", "--lag");
        assertThat(CommandRun.of("bench", "--help").out()).contains("socklab bench arena (see its --help)");
    }

    private String serve() {
        return serve(new Arena(ArenaSettings.DEFAULTS));
    }

    private String serve(Arena arena) {
        Endpoint endpoint = servers.datagram("arena", new ArenaService(arena),
                Endpoint.udp(new InetSocketAddress("127.0.0.1", 0)));
        return Integer.toString(((InetSocketAddress) endpoint.address()).getPort());
    }

    private CommandRun arena(String... args) {
        return CommandRun.of(Stream.concat(Stream.of("bench", "arena"), Stream.concat(Stream.of(args), Stream.of(SHORT)))
                .toArray(String[]::new));
    }

    /** A UDP port nothing listens on: bound a moment, then closed. */
    private static String closedPort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return Integer.toString(((InetSocketAddress) probe.getLocalAddress()).getPort());
        }
    }
}
