package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The table, the notes, JSON and CSV, on made-up results. */
class BenchReportTest {
    private static final List<String> JSON_KEYS = List.of("workload", "connections", "size", "seconds", "operations",
            "ops_per_second", "bytes_per_second", "latency_us", "errors", "lost", "load_cpu", "load_bound",
            "server_bytes_per_connection", "senders");
    /** A key at the top level of a run's object: after the brace or a comma, not inside latency_us. */
    private static final Pattern TOP_KEY = Pattern.compile("(?:^\\{|, )\"(\\w+)\": (?:\\{[^}]*\\}|[^,}]+)");

    @Test
    void jsonIsAnArrayOfObjectsWithExactlyTheDocumentedKeys() {
        String json = BenchReport.json(List.of(Results.pingpong(100, 85210.3, 2310), Results.refused(10),
                Results.idle(1000, 5210.4)));

        List<String> objects = json.lines().filter(l -> l.startsWith("  {")).map(l -> l.strip().replaceAll(",$", ""))
                .toList();
        assertThat(json).startsWith("[\n").endsWith("\n]");
        assertThat(objects).hasSize(3);
        for (String object : objects) {
            Matcher m = TOP_KEY.matcher(object);
            List<String> keys = m.results().map(r -> r.group(1)).toList();
            assertThat(keys).as(object).containsExactlyElementsOf(JSON_KEYS);
        }
        assertThat(objects.get(0)).contains("\"workload\": \"pingpong\"", "\"connections\": 100", "\"size\": 64",
                "\"ops_per_second\": 85210.3", "\"latency_us\": {\"p50\": 1155.0, \"p99\": 2310.0, \"p999\": 3465.0, \"max\": 4620.0}",
                "\"errors\": 0", "\"load_cpu\": 0.620", "\"load_bound\": false", "\"server_bytes_per_connection\": null");
        assertThat(objects.get(1)).contains("\"latency_us\": {\"p50\": null, \"p99\": null, \"p999\": null, \"max\": null}",
                "\"errors\": 42", "\"operations\": 0");
        assertThat(objects.get(2)).contains("\"server_bytes_per_connection\": 5210.4", "\"load_bound\": true",
                "\"senders\": 0}");
    }

    @Test
    void anEmptyListIsAnEmptyArray() {
        assertThat(BenchReport.json(List.of())).isEqualTo("[]");
    }

    @Test
    void csvHasAHeaderAndARowARunWithTheSameFieldsFlattened() {
        String csv = BenchReport.csv(List.of(Results.pingpong(1, 9000, 150), Results.refused(10)));

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).isEqualTo("workload,connections,size,seconds,operations,ops_per_second,"
                + "bytes_per_second,latency_p50_us,latency_p99_us,latency_p999_us,latency_max_us,errors,lost,load_cpu,load_bound,"
                + "server_bytes_per_connection,senders");
        assertThat(lines).allMatch(line -> line.split(",", -1).length == BenchReport.CSV_HEADER.size());
        assertThat(lines.get(1)).isEqualTo("pingpong,1,64,10.000,90000,9000.0,576000.0,75.0,150.0,225.0,300.0,0,0,0.620,false,,0");
        assertThat(lines.get(2)).isEqualTo("pingpong,10,64,1.000,0,0.0,0.0,,,,,42,0,0.050,false,,0");
    }

    @Test
    void theTableHasTheColumnsAligned() {
        String table = BenchReport.table(List.of(Results.pingpong(100, 85210.3, 2310), Results.pingpong(1, 9000, 150)));

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "workload  connections  size  seconds  ops/s    MB/s  p50 us  p99 us  p999 us  max us  errors  lost  load cpu");
        assertThat(lines.get(1)).isEqualTo(
                "pingpong  100          64    10.0     85210.3  5.5   1155    2310    3465     4620    0       0     62%");
        assertThat(lines.get(2)).startsWith("pingpong  1            64    10.0     9000.0   0.6   75      150");
    }

    @Test
    void idleAddsTheServerMemoryColumnAndAHoldNote() {
        List<BenchResult> runs = List.of(Results.idle(1000, 5210.4));

        assertThat(BenchReport.table(runs).lines().toList().getFirst()).endsWith("load cpu  server B/conn");
        assertThat(BenchReport.table(runs).lines().toList().get(1)).contains("  -  ").matches(".*  99%\\s+5210");
        assertThat(BenchReport.notes(runs)).containsExactly(
                "idle with 1000 connections: held 1000 of 1000 for 10.0 s; the server's memory grew 5210 bytes a connection",
                "load-bound: the load generator used 99% of its 2 cores in idle with 1000 connections; the numbers "
                        + "measure it, not the server");
    }

    @Test
    void errorsAreNotedByKindAndATotalFailureIsOneSentence() {
        BenchResult refused = Results.refused(10);

        assertThat(BenchReport.notes(List.of(refused)))
                .containsExactly("pingpong with 10 connections: errors: 40 refused, 2 timed out");
        assertThat(refused.failed()).isTrue();
        assertThat(BenchReport.failure(refused)).isEqualTo("every pingpong connection to 127.0.0.1:10007 failed "
                + "(40 refused, 2 timed out): is an echo server listening there?");
    }

    @Test
    void chatCountsMembersAndSendersAndMessagesDelivered() {
        List<BenchResult> runs = List.of(Results.chat(1000, 10, 250_000, null));

        List<String> lines = BenchReport.table(runs).lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "workload  members  senders  size  seconds  msgs/s    MB/s  p50 us  p99 us  p999 us  max us  errors  lost  load cpu");
        assertThat(lines.get(1)).isEqualTo(
                "chat      1000     10       64    10.0     250000.0  22.5  400     1200    2500     3000    0       0     40%");
        assertThat(BenchReport.json(runs)).contains("\"workload\": \"chat\", \"connections\": 1000,", "\"senders\": 10}");
        assertThat(BenchReport.notes(runs)).isEmpty();
    }

    @Test
    void aChatServersWarningIsNotedWithTheFlag() {
        BenchResult warned = Results.chat(100, 1, 5_000, "!! disconnected: flooding");

        assertThat(BenchReport.notes(List.of(warned))).containsExactly(
                "chat with 100 members: errors: 1 closed early by the server, 2 warned by the server",
                "chat with 100 members: the server warned members, first with \"!! disconnected: flooding\"; a benchmark "
                        + "needs the chat server's flood control off (socklab serve chat --chat-rate 0), or the senders "
                        + "are warned and disconnected as flooding");
    }

    @Test
    void aChatRunWhoseMembersWereWarnedFailsThoughMessagesWereDelivered() {
        BenchResult warned = Results.chat(100, 1, 5_000, "!! slow down: at most 1 lines a second");

        assertThat(warned.failed()).isFalse();
        assertThat(warned.warned()).isTrue();
        assertThat(BenchReport.failure(warned)).isEqualTo("the chat server at 127.0.0.1:10007 warned its members "
                + "(1 closed early by the server, 2 warned by the server; first \"!! slow down: at most 1 lines a "
                + "second\"), so the numbers measure its flood control, not its speed: start it with --chat-rate 0 to "
                + "benchmark it");
    }

    @Test
    void aChatRunWhoseMembersCouldNotAllGetInFailsWithWhatTheServerSaid() {
        BenchResult outside = Results.chatOutsideTheRoom(1001);

        assertThat(outside.failed()).isTrue();
        assertThat(BenchReport.failure(outside)).isEqualTo("no message reached the 1001 chat members at 127.0.0.1:10007 "
                + "(1 timed out; the server said \"!! bench-0badcafe is full (1000 members)\"): is a chat server listening "
                + "there, with room for 1001 members in a room and its flood control off (--chat-rate 0)?");
    }
}
