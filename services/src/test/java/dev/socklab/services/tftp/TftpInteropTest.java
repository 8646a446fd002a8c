package dev.socklab.services.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.net.PortRange;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/**
 * The tftp service against the clients people use: curl ({@code tftp://}, which always asks for
 * tsize, blksize and timeout), atftp (with blksize and windowsize), and tftp-hpa's {@code tftp}
 * (no options; it exits 0 even on an error, so the file is what tells), each over IPv4 and IPv6,
 * each getting and putting a file, and each refused a missing file, a {@code ../} and a write the
 * server does not allow.
 */
@Timeout(60)
class TftpInteropTest {
    private static final Duration RUN = Duration.ofSeconds(30);
    /** Three blocks and a bit at atftp's 1428, many at tftp-hpa's 512. */
    private static final byte[] CONTENT = TftpServiceTest.bytes(3 * 1428 + 77);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    Path root;
    Path local;

    @BeforeEach
    void makeDirectories() throws IOException {
        root = Files.createDirectory(dir.resolve("root"));
        local = Files.createDirectory(dir.resolve("local"));
        Files.write(root.resolve("file.bin"), CONTENT);
        Files.writeString(dir.resolve("secret"), "outside the root");
        Files.write(local.resolve("upload.bin"), CONTENT);
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void curlGetsWithItsOptionsAndPuts(boolean ipv6) throws Exception {
        String curl = Tools.require("curl");
        String base = url(serve(ipv6, true));
        exits(0, curl, "-sS", "--tftp-blksize", "1024", "-o", local.resolve("got.bin").toString(),
                base + "file.bin");
        assertThat(local.resolve("got.bin")).hasBinaryContent(CONTENT);
        exits(0, curl, "-sS", "-T", local.resolve("upload.bin").toString(), base + "put.bin");
        assertThat(root.resolve("put.bin")).hasBinaryContent(CONTENT);
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void curlIsRefusedAMissingFileATraversalAndAWrite(boolean ipv6) throws Exception {
        String curl = Tools.require("curl");
        String base = url(serve(ipv6, false));
        // curl's exit codes: 68 for TFTP's file not found, 69 for its access violation.
        exits(68, curl, "-sS", "-o", local.resolve("missing").toString(), base + "missing.bin");
        exits(69, curl, "-sS", "--path-as-is", "-o", local.resolve("secret").toString(), base + "../secret");
        assertThat(local.resolve("secret")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyFile());
        exits(69, curl, "-sS", "-T", local.resolve("upload.bin").toString(), base + "put.bin");
        assertThat(root.resolve("put.bin")).doesNotExist();
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void atftpGetsAndPutsWithBlksizeAndWindowsize(boolean ipv6) throws Exception {
        String atftp = Tools.require("atftp");
        InetSocketAddress server = serve(ipv6, true);
        exits(0, atftp, "--option", "blksize 1428", "--option", "windowsize 4", "-g", "-r", "file.bin", "-l",
                local.resolve("got.bin").toString(), host(server), port(server));
        assertThat(local.resolve("got.bin")).hasBinaryContent(CONTENT);
        exits(0, atftp, "--option", "blksize 1428", "--option", "windowsize 4", "-p", "-l",
                local.resolve("upload.bin").toString(), "-r", "put.bin", host(server), port(server));
        assertThat(root.resolve("put.bin")).hasBinaryContent(CONTENT);
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void atftpIsRefusedAMissingFileATraversalAndAWrite(boolean ipv6) throws Exception {
        String atftp = Tools.require("atftp");
        InetSocketAddress server = serve(ipv6, false);
        fails(atftp, "-g", "-r", "missing.bin", "-l", local.resolve("missing").toString(), host(server),
                port(server));
        fails(atftp, "-g", "-r", "../secret", "-l", local.resolve("secret").toString(), host(server),
                port(server));
        assertThat(local.resolve("secret")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyFile());
        fails(atftp, "-p", "-l", local.resolve("upload.bin").toString(), "-r", "put.bin", host(server),
                port(server));
        assertThat(root.resolve("put.bin")).doesNotExist();
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void tftpHpaGetsAndPutsWithoutOptions(boolean ipv6) throws Exception {
        String tftp = Tools.require("tftp");
        InetSocketAddress server = serve(ipv6, true);
        output(tftp, family(ipv6), "-m", "binary", host(server), port(server), "-c", "get", "file.bin",
                local.resolve("got.bin").toString());
        assertThat(local.resolve("got.bin")).hasBinaryContent(CONTENT);
        output(tftp, family(ipv6), "-m", "binary", host(server), port(server), "-c", "put",
                local.resolve("upload.bin").toString(), "put.bin");
        assertThat(root.resolve("put.bin")).hasBinaryContent(CONTENT);
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @ValueSource(booleans = {false, true})
    void tftpHpaIsRefusedAMissingFileATraversalAndAWrite(boolean ipv6) throws Exception {
        String tftp = Tools.require("tftp");
        InetSocketAddress server = serve(ipv6, false);
        // tftp-hpa exits 0 whatever happened: the files, and what it prints, tell.
        assertThat(output(tftp, family(ipv6), "-m", "binary", host(server), port(server), "-c", "get", "missing.bin",
                local.resolve("missing").toString())).contains("Error code 1");
        assertThat(output(tftp, family(ipv6), "-m", "binary", host(server), port(server), "-c", "get", "../secret",
                local.resolve("secret").toString())).contains("Error code 2");
        assertThat(local.resolve("secret")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyFile());
        assertThat(output(tftp, family(ipv6), "-m", "binary", host(server), port(server), "-c", "put",
                local.resolve("upload.bin").toString(), "put.bin")).contains("Error code 2");
        assertThat(root.resolve("put.bin")).doesNotExist();
    }

    private InetSocketAddress serve(boolean ipv6, boolean create) {
        TftpSettings settings = new TftpSettings(root, create, create, TftpSettings.DEFAULT_MAX_BLOCK_SIZE,
                TftpSettings.DEFAULT_MAX_WINDOW_SIZE, 256, 8, PortRange.ANY, UploadLimits.DEFAULTS);
        Endpoint bound = servers.datagram("tftp", TftpService.of(settings), StreamTransport.udp(ipv6));
        return (InetSocketAddress) bound.address();
    }

    private static String url(InetSocketAddress server) {
        String host = host(server);
        return "tftp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort() + "/";
    }

    private static String host(InetSocketAddress server) {
        return server.getAddress().getHostAddress().replaceFirst("^0:0:0:0:0:0:0:1$", "::1");
    }

    private static String port(InetSocketAddress server) {
        return Integer.toString(server.getPort());
    }

    private static String family(boolean ipv6) {
        return ipv6 ? "-6" : "-4";
    }

    /** Runs {@code command} to its end, which must be exit code {@code code}. */
    private static void exits(int code, String... command) throws Exception {
        try (LabProgram program = LabProgram.start(List.of(command))) {
            String output = program.outputUntilExit(RUN);
            assertThat(program.exitCode()).as("%s printed: %s", String.join(" ", command), output).isEqualTo(code);
        }
    }

    /** Runs {@code command} to its end, which must be a failure. */
    private static void fails(String... command) throws Exception {
        try (LabProgram program = LabProgram.start(List.of(command))) {
            String output = program.outputUntilExit(RUN);
            assertThat(program.exitCode()).as("%s printed: %s", String.join(" ", command), output).isNotZero();
        }
    }

    /** Runs {@code command} to its end; what it printed, standard error with it. */
    private static String output(String... command) throws Exception {
        try (LabProgram program = LabProgram.start(List.of(command))) {
            return program.outputUntilExit(RUN);
        }
    }
}
