package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The file-transfer comparison's best runs, ratios and verdict, and its reading of atftp and curl: no sockets. */
class FileTableTest {
    private static final FileCase WINDOW_16 = FileCase.all(40, 200, 1024).get(1);
    private static final FileCase FTP = FileCase.all(40, 200, 1024).get(2);
    private static final String WINDOWED = "blksize 1468, windowsize 16";

    @Test
    void aRowCountsItsBestRunAndItsMedianCpuAndNoneIsNoNumber() {
        FileRow row = new FileRow(FileServer.ATFTPD, WINDOW_16, List.of(120.0, 180.0, 150.0), List.of(0.4, 0.3, 0.5),
                WINDOWED, 0);

        assertThat(row.best()).isEqualTo(180);
        assertThat(row.cpuPerMegabyte()).as("the median").isEqualTo(0.4);
        assertThat(new FileRow(FileServer.ATFTPD, WINDOW_16, List.of(), List.of(), "", 3).best()).isNaN();
    }

    @Test
    void theTableGivesSocklabsRatioToEachServerOnTheSameCase() {
        List<FileRow> rows = List.of(
                new FileRow(FileServer.SOCKLAB, WINDOW_16, List.of(200.0, 240.0), List.of(0.5), WINDOWED, 0),
                new FileRow(FileServer.TFTPD_HPA, WINDOW_16, List.of(20.0), List.of(0.5), "blksize 1468, windowsize 1 (not acknowledged)", 1),
                new FileRow(FileServer.ATFTPD, WINDOW_16, List.of(), List.of(), "", 2),
                new FileRow(FileServer.SOCKLAB, FTP, List.of(1200.0), List.of(0.5), "passive, anonymous", 0),
                new FileRow(FileServer.VSFTPD, FTP, List.of(1500.0), List.of(0.5), "passive, anonymous", 0));

        String table = FileTable.markdown(rows);

        assertThat(table.lines()).first()
                .isEqualTo("| case | server | best MB/s | runs, MB/s | socklab/it | server CPU ms/MB | negotiated | notes |");
        assertThat(table.lines()).element(2).isEqualTo("| TFTP 200 MiB, blksize 1468, windowsize 16 | socklab | 240.0"
                + " | 200.0, 240.0 | 1.00 | 0.500 | blksize 1468, windowsize 16 |  |");
        assertThat(table.lines()).element(3).isEqualTo("| TFTP 200 MiB, blksize 1468, windowsize 16 | tftpd-hpa | 20.0"
                + " | 20.0 | 12.00 | 0.500 | blksize 1468, windowsize 1 (not acknowledged) | 1 run failed |");
        assertThat(table.lines()).element(4).isEqualTo("| TFTP 200 MiB, blksize 1468, windowsize 16 | atftpd | - | - | - | - |"
                + "  | 2 runs failed |");
        assertThat(table.lines()).element(6).isEqualTo("| FTP RETR 1024 MiB, passive, binary | vsftpd | 1,500.0 | 1,500.0"
                + " | 0.80 | 0.500 | passive, anonymous |  |");
    }

    @Test
    void socklabMeetsTheTargetOnlyAtOrAboveEveryCServerThatHasAFigure() {
        FileRow socklab = new FileRow(FileServer.SOCKLAB, WINDOW_16, List.of(200.0), List.of(0.5), WINDOWED, 0);
        FileRow atftpd = new FileRow(FileServer.ATFTPD, WINDOW_16, List.of(150.0), List.of(0.5), WINDOWED, 0);
        FileRow failed = new FileRow(FileServer.TFTPD_HPA, WINDOW_16, List.of(), List.of(), "", 3);

        assertThat(FileTable.socklabAtLeastTheCServers(List.of(socklab, atftpd, failed))).isTrue();
        assertThat(FileTable.socklabAtLeastTheCServers(List.of(socklab,
                new FileRow(FileServer.ATFTPD, WINDOW_16, List.of(201.0), List.of(0.5), WINDOWED, 0)))).isFalse();
        assertThat(FileTable.socklabAtLeastTheCServers(List.of(atftpd))).as("socklab without a figure").isFalse();
        assertThat(FileTable.socklabAtLeastTheCServers(List.of(socklab, failed))).as("nothing to compare with").isFalse();
    }

    @Test
    void theSystemCallTableGivesEachServersCallsPerMegabyteAndItsMostCalled() {
        TracedTransfer hpa = new TracedTransfer(FileServer.TFTPD_HPA, WINDOW_16, 2_000_000, Map.of("total", 6000L,
                "recvfrom", 1400L, "sendto", 1400L, "alarm", 2800L, "openat", 1L));

        String table = FileTable.syscalls(List.of(hpa));

        assertThat(table.lines()).containsExactly("| case | server | system calls | per MB | the most called, per MB |",
                "|---|---|---:|---:|---|",
                "| TFTP 200 MiB, blksize 1468, windowsize 16 | tftpd-hpa | 6,000 | 3,000 | alarm 1,400, recvfrom 700, sendto 700,"
                        + " openat 0.5 |");
    }

    @Test
    void aServerThatSendsAGigabyteWithOneSendfileShowsThousandthsPerMegabyte() {
        TracedTransfer vsftpd = new TracedTransfer(FileServer.VSFTPD, FTP, 1L << 30, Map.of("total", 60L, "sendfile", 1L));

        assertThat(FileTable.syscalls(List.of(vsftpd)).lines()).last().isEqualTo("| FTP RETR 1024 MiB, passive, binary"
                + " | vsftpd | 60 | 0.056 | sendfile 0.001 |");
    }

    @Test
    void atftpsTraceSaysWhichOptionsTheServerAcknowledged() {
        String atftpd = """
                sent RRQ <file: probe.bin, mode: octet <blksize: 1468, windowsize: 16>>
                received OACK <windowsize: 16, blksize: 1468, >
                sent ACK <block: 0>
                """;
        String tftpdHpa = """
                sent RRQ <file: probe.bin, mode: octet <blksize: 1468, windowsize: 16>>
                received OACK <blksize: 1468, >
                """;
        String noOptions = """
                sent RRQ <file: probe.bin, mode: octet <blksize: 1468, windowsize: 16>>
                received DATA <block: 1, size: 512>
                """;

        assertThat(FileClients.describe(atftpd)).isEqualTo("blksize 1468, windowsize 16");
        assertThat(FileClients.describe(tftpdHpa)).isEqualTo("blksize 1468, windowsize 1 (not acknowledged)");
        assertThat(FileClients.describe(noOptions)).isEqualTo("no OACK: blksize 512, windowsize 1");
    }

    @Test
    void curlsWriteOutLineGivesTheBytesAndTheTimeAtItsAverageSpeed() throws RunFailedException {
        Transfer t = FileClients.parseCurl("1073741824 536870912\n");

        assertThat(t.bytes()).isEqualTo(1L << 30);
        assertThat(t.seconds()).isEqualTo(2.0);
        assertThat(t.megabytesPerSecond()).isCloseTo(536.87, offset(0.01));
        assertThatThrownBy(() -> FileClients.parseCurl("curl: (67) Access denied: 530\n"))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("curl printed no size and speed");
    }
}
