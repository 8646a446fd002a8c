package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The TLS comparison's medians, ratios, verdict and s_time reading, from made-up runs: no sockets. */
class TlsTableTest {
    private static final TlsCase HANDSHAKES = TlsCase.all().get(0);
    private static final TlsCase ECHO_10 = TlsCase.all().get(2);
    private static final String SESSION = "TLSv1.3 TLS_AES_256_GCM_SHA384";

    @Test
    void aRowIsTheMedianOfItsRounds() {
        TlsRow row = TlsRow.of(TlsServer.NETTY, ECHO_10, List.of(300.0, 100.0, 200.0), List.of(4500.0, 1500.0, 3000.0),
                SESSION, 1);

        assertThat(row.value()).isEqualTo(200);
        assertThat(row.roundTrips()).isEqualTo(3000);
        assertThat(row.failedRuns()).isEqualTo(1);
    }

    @Test
    void theTableGivesSocklabsRatioToEachServerOnTheSameCase() {
        List<TlsRow> rows = List.of(
                TlsRow.of(TlsServer.SOCKLAB, HANDSHAKES, List.of(1500.0), List.of(), SESSION + " X25519", 0),
                TlsRow.of(TlsServer.NETTY, HANDSHAKES, List.of(1200.0), List.of(), SESSION + " X25519", 0),
                TlsRow.of(TlsServer.NGINX, HANDSHAKES, List.of(), List.of(), "", 1),
                TlsRow.of(TlsServer.SOCKLAB, ECHO_10, List.of(250.0), List.of(3815.0), SESSION, 0),
                TlsRow.of(TlsServer.NETTY, ECHO_10, List.of(200.0), List.of(3052.0), SESSION, 0));

        String table = TlsTable.markdown(rows);

        assertThat(table.lines()).first().isEqualTo("| case | server | figure | round trips/s | socklab/it | negotiated | notes |");
        assertThat(table.lines()).element(3).isEqualTo("| TLS 1.3 full handshakes, openssl s_time -new | netty"
                + " | 1,200 handshakes/s | - | 1.25 | TLSv1.3 TLS_AES_256_GCM_SHA384 X25519 |  |");
        assertThat(table.lines()).element(4).isEqualTo("| TLS 1.3 full handshakes, openssl s_time -new | nginx"
                + " | - handshakes/s | - | - |  | 1 run failed |");
        assertThat(table.lines()).element(6).isEqualTo("| echo 64 KiB, 10 connections | netty | 200.0 MB/s each way"
                + " | 3,052 | 1.25 | TLSv1.3 TLS_AES_256_GCM_SHA384 |  |");
        assertThat(TlsTable.socklabAtLeastNetty(rows)).as("nginx missing a number does not count").isTrue();
        assertThat(TlsTable.socklabAtLeastNetty(List.of(rows.get(0)))).as("no Netty, no verdict").isFalse();
        assertThat(TlsTable.socklabAtLeastNetty(List.of(rows.get(1)))).as("socklab without a number").isFalse();
    }

    @Test
    void sTimeIsReadAsItsCountOverTheWallClock() throws RunFailedException {
        String output = """
                Collecting connection statistics for 2 seconds
                ****************************

                953 connections in 0.98s; 972.45 connections/user sec, bytes read 0
                953 connections in 3 real seconds, 0 bytes read per connection
                """;

        STime run = STime.parse(output, 2.5);

        assertThat(run.connections()).isEqualTo(953);
        assertThat(run.perClientCpuSecond()).isEqualTo(972.45);
        assertThat(run.perSecond()).isEqualTo(381.2);
    }

    @Test
    void sTimeWithoutItsSummaryIsAFailedRunThatQuotesItsLastLine() {
        assertThatThrownBy(() -> STime.parse("Collecting connection statistics for 2 seconds\nERROR\nconnect: Connection refused\n", 2))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("openssl s_time reported no connections: connect: Connection refused");
    }

    @Test
    void nginxTerminatesTlsInItsStreamModuleAndProxiesToThePlainEcho() {
        String conf = TlsServer.nginxConf(Path.of("/t/nginx"),
                new TlsFiles(Path.of("/t/cert.pem"), Path.of("/t/key.pem")), 8443, 8007);

        assertThat(conf).startsWith("load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n")
                .contains("daemon off;", "worker_processes 1;", "pid /t/nginx/nginx.pid;", "listen 127.0.0.1:8443 ssl;",
                        "ssl_certificate /t/cert.pem;", "ssl_certificate_key /t/key.pem;",
                        "ssl_protocols TLSv1.2 TLSv1.3;", "proxy_pass 127.0.0.1:8007;");
    }
}
