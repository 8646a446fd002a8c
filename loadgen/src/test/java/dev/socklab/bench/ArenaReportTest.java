package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import dev.socklab.netem.NetworkConditions;

/** bench arena's plan bounds, its reports and its chart, on made-up results. */
class ArenaReportTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void thePlanBoundsBotsTimesAndThreads() {
        assertThatThrownBy(() -> ArenaPlan.of(Results.TARGET, 0, SECOND))
                .isInstanceOf(BenchPlanException.class).hasMessage("--bots must be from 1 to 5000, not 0");
        assertThatThrownBy(() -> ArenaPlan.of(Results.TARGET, ArenaPlan.MAX_BOTS + 1, SECOND))
                .hasMessage("--bots must be from 1 to 5000, not 5001");
        assertThatThrownBy(() -> ArenaPlan.of(Results.TARGET, 5, Duration.ZERO))
                .hasMessage("--duration must be more than 0 and at most 10m, not 0ms");
        assertThatThrownBy(() -> ArenaPlan.of(Results.TARGET, 5, SECOND).withWarmup(Duration.ofMinutes(2)))
                .hasMessage("--warmup must be from 0 to 1m, not 2m");
        assertThatThrownBy(() -> new ArenaPlan(Results.TARGET, 5, SECOND, SECOND, SECOND, 0, 1, NetworkConditions.NONE,
                OptionalLong.empty()))
                .hasMessageStartingWith("--threads must be from 1 to ");
        assertThat(ArenaPlan.of(Results.TARGET, 5, SECOND).withBots(7).bots()).isEqualTo(7);
    }

    @Test
    void theTableHasARowARunAndTheNotesWhatItCannotSay() {
        String table = ArenaReport.table(List.of(result(50, 1200, 2900), refusedSome()));

        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst()).matches("bots +joined +tick p50 us +tick p99 us +tick max us +p99/tick +snaps/s"
                + " +loss +in B/s +out B/s +rtt p50 us +rtt p99 us +join failures +undecodable +load cpu +server cpu");
        assertThat(lines.get(1)).matches("50 +50 +1200 +2900 +4000 +8\\.7% +20\\.0 +0\\.10% +9000 +1100 +600 +1500"
                + " +0 +0 +12% +-");
        assertThat(lines.get(2)).matches(".* 50% +42%");
        assertThat(ArenaReport.notes(List.of(result(50, 1200, 2900), refusedSome()))).containsExactly(
                "arena with 50 bots: 30 ticks and 20 snapshots a second, 50 players in the arena at most",
                "arena with 600 bots: 30 ticks and 20 snapshots a second, 512 players in the arena at most;"
                        + " the bots' datagrams met loss 5%",
                "arena with 600 bots: 88 did not get in: 85 refused, the arena full, 3 timed out"
                        + " (serve arena --arena-max-players raises the limit)",
                "arena with 600 bots: 2 packets from the server could not be read or rebuilt on their baseline");
        assertThat(refusedSome().flawed()).isTrue();
        assertThat(result(50, 1200, 2900).flawed()).isFalse();
    }

    @Test
    void jsonHasTheDocumentedKeysAndCsvTheSameFlattened() {
        String json = ArenaReport.json(List.of(result(50, 1200, 2900)));
        String csv = ArenaReport.csv(List.of(result(50, 1200, 2900)));

        assertThat(json).startsWith("[\n  {\"bots\": 50, \"joined\": 50, \"seconds\": 20.000, \"tick_rate\": 30, "
                + "\"snapshot_rate\": 20, \"players\": 50, \"tick_time_us\": {\"p50\": 1200.0, \"p99\": 2900.0, "
                + "\"max\": 4000.0}, \"tick_p99_share\": 0.087, ").contains("\"snapshot_loss\": 0.00100, ",
                "\"round_trip_us\": {\"p50\": 600.0, \"p99\": 1500.0}, ", "\"server_cpu\": null, \"conditions\": \"none\"}");
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).startsWith("bots,joined,seconds,tick_rate,snapshot_rate,players,tick_time_p50_us,"
                + "tick_time_p99_us,tick_time_max_us,tick_p99_share,").contains(",round_trip_p50_us,round_trip_p99_us,")
                .endsWith(",load_cpu,load_bound,server_cpu,conditions");
        assertThat(lines.get(1).split(",", -1)).hasSize(ArenaReport.CSV_HEADER.size());
    }

    @Test
    void aRunInWhichNoBotGotInSaysWhyAndWhatToCheck() {
        ArenaResult none = new ArenaResult(Results.TARGET, 5, 0, 1, 0, 0, 0, Latency.NONE, 0, 0, 0, 0, 0, Latency.NONE,
                Map.of(JoinFailure.UNREACHABLE, 5L), 0, 0, 0, 1, 0.01, NetworkConditions.NONE, OptionalDouble.empty());

        assertThat(none.failed()).isTrue();
        assertThat(ArenaReport.failure(none)).isEqualTo("no bot got into the arena at 127.0.0.1:10007 (5 unreachable):"
                + " is an arena server (socklab serve arena) listening there?");
        assertThat(ArenaReport.json(List.of(none))).contains("\"tick_time_us\": {\"p50\": null, \"p99\": null, "
                + "\"max\": null}");
    }

    @Test
    void theChartDrawsTickP50AndP99AgainstPlayersUnderAThirdOfTheTick() throws Exception {
        List<ArenaResult> sweep = List.of(result(50, 300, 700), result(200, 1200, 2900), result(500, 3100, 7400));

        Document svg = parse(ArenaChart.svg(sweep));

        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagNameNS("*", "polyline").getLength()).isEqualTo(2);
        assertThat(svg.getElementsByTagNameNS("*", "circle").getLength()).isEqualTo(6);
        assertThat(texts(svg.getElementsByTagNameNS("*", "text"))).contains("a third of the tick: 11.1 ms",
                "tick time p50", "tick time p99", "50", "200", "500", "players in the arena (bots that joined)");
        assertThat(texts(svg.getElementsByTagNameNS("*", "title"))).contains("500 players: tick p99 7.40 ms");
    }

    private static ArenaResult result(int bots, double p50, double p99) {
        return new ArenaResult(Results.TARGET, bots, bots, 20, 30, 20, bots, new Latency(600, p50, p99, p99, 4000),
                20, bots * 400L, bots * 400L / 999, 9000, 1100, new Latency(bots * 500L, 600, 1500, 2000, 3000),
                Map.of(), 0, 0, 0, 1, 0.12, NetworkConditions.NONE, OptionalDouble.empty());
    }

    private static ArenaResult refusedSome() {
        return new ArenaResult(Results.TARGET, 600, 512, 20, 30, 20, 512, new Latency(600, 9000, 15000, 15000, 20000),
                18, 512 * 360L, 512 * 40L, 8000, 1100, new Latency(1000, 900, 3000, 4000, 5000),
                Map.of(JoinFailure.TIMEOUT, 3L, JoinFailure.FULL, 85L), 2, 0, 0, 1, 0.5,
                new NetworkConditions(Duration.ZERO, Duration.ZERO, 0.05, 0, 0), OptionalDouble.of(0.42));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
