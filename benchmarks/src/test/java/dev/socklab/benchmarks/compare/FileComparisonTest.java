package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * A tiny file-transfer comparison, run as the script runs it, against every server installed here
 * (all of them in CI, socklab from the build the reactor made before this module): every case gets
 * a number, every file arrives whole, and the report has its shape. The figures of 1 MiB files on a
 * test machine mean nothing, and are not looked at.
 */
class FileComparisonTest {
    private static final boolean CI = "true".equals(System.getenv("CI"));
    /** The checkout: surefire runs this module's tests in benchmarks/. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void aTinyRunOfEveryServerHereReportsEveryCaseWithTheOptionsEachAcknowledged() throws Exception {
        for (String client : List.of("atftp", "curl")) {
            if (CI) {
                assertThat(Pinning.onPath(client)).as(client + " is installed in CI").isTrue();
            }
            assumeTrue(Pinning.onPath(client), client + " is not installed");
        }
        List<String> servers = servers();
        assumeTrue(!servers.isEmpty(), "none of the servers is installed or built");
        FileCompareOptions options = new FileCompareOptions();
        Path report = dir.resolve("files.md");
        new CommandLine(options).parseArgs("--servers", String.join(",", servers), "--rounds", "1", "--tftp-mib", "1",
                "--tftp-lockstep-mib", "1", "--ftp-mib", "2", "--root", ROOT.toString(), "--out", report.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int code = new FileComparison(options, "benchmarks/compare-files --tiny", new PrintStream(printed, true,
                StandardCharsets.UTF_8)).run();

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isIn(FileComparison.ALL_MET, FileComparison.NOT_MET);
        assertThat(out).doesNotContain("FAILED", "skipped").contains("warm-up:", "round 1:");
        String text = Files.readString(report);
        assertThat(text).as(out).startsWith("Results of `benchmarks/compare-files --tiny`")
                .contains("| case | server | best MB/s | runs, MB/s | socklab/it | server CPU ms/MB | negotiated | notes |");
        List<String> rows = text.lines().filter(l -> l.startsWith("| TFTP ") || l.startsWith("| FTP ")).toList();
        assertThat(rows).as(text).hasSize(expectedRows(servers))
                .allMatch(l -> l.matches("\\| [^|]+ \\| [a-z-]+ \\| [\\d,.]+ \\| [\\d,.]+ \\| ([\\d.]+|-) \\| ([\\d.]+|-) \\| [^|]+ \\|  \\|"));
        String windowed = "| TFTP 1 MiB, blksize 1468, windowsize 16 | ";
        for (String server : servers) {
            if (server.equals("socklab") || server.equals("atftpd")) {
                assertThat(rows).as(text).anyMatch(l -> l.startsWith(windowed + server + " |")
                        && l.contains("| blksize 1468, windowsize 16 |"));
            }
        }
        if (servers.contains("tftpd-hpa")) {
            assertThat(rows).anyMatch(l -> l.startsWith(windowed + "tftpd-hpa |")
                    && l.contains("| blksize 1468, windowsize 1 (not acknowledged) |"));
        }
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the temporary files are deleted")
                    .noneMatch(name -> name.startsWith("socklab-compare-files-"));
        }
    }

    /** The servers to run: in CI all of them, else those installed here, and socklab when its build is current. */
    private static List<String> servers() throws IOException {
        Launch launch = Launch.of(ROOT, SocklabSnapshot.built(ROOT), new Pinning(-1, -1, "not in tests"), Duration.ZERO);
        List<String> servers = new ArrayList<>();
        for (FileServer server : FileServer.values()) {
            boolean runs = server.missing(launch).isEmpty() && (!server.socklab() || builtFromTheseSources());
            if (CI) {
                assertThat(runs).as(server.label() + " can run in CI: " + server.missing(launch).orElse("stale build"))
                        .isTrue();
            }
            if (runs) {
                servers.add(server.label());
            }
        }
        return servers;
    }

    /**
     * Whether socklab's jar is newer than every pom and every file under a module's src/main, as
     * ./socklab checks (this module's own aside: they are not in the jar): an older jar lacks what is tested.
     */
    static boolean builtFromTheseSources() throws IOException {
        Path jar = SocklabSnapshot.built(ROOT);
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        List<Path> sources = new ArrayList<>(List.of(ROOT.resolve("pom.xml")));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(m -> !m.endsWith("benchmarks") && Files.isRegularFile(m.resolve("pom.xml")))
                    .forEach(m -> sources.addAll(List.of(m.resolve("pom.xml"), m.resolve("src/main"))));
        }
        for (Path top : sources) {
            try (Stream<Path> files = Files.walk(top)) {
                if (files.anyMatch(p -> lastModified(p).compareTo(built) > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static int expectedRows(List<String> servers) {
        int rows = 0;
        for (String server : servers) {
            rows += server.equals("socklab") ? 3 : server.equals("vsftpd") ? 1 : 2;
        }
        return rows;
    }
}
