package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.Tools;

/**
 * {@code socklab systemd-units}: one socket a unit pair, each service's transports as serve serves
 * them, the ExecStart that moves systemd's socket to standard input, and units systemd itself
 * finds nothing wrong with ({@code systemd-analyze verify}).
 */
@Tag("no-engine")
@Timeout(30)
class SystemdUnitsCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAPairForEachTransportOfEachServiceServedByDefault() throws IOException {
        CommandRun run = CommandRun.of("systemd-units", "--output", dir.toString());

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(units()).contains("socklab-hello.socket", "socklab-hello.service", "socklab-hello-udp.socket",
                "socklab-hello-udp.service", "socklab-chargen.socket", "socklab-arena.socket", "socklab-http.service")
                .doesNotContain("socklab-chargen-udp.socket", "socklab-arena-udp.socket", "socklab-ftp.socket",
                        "socklab-tftp.socket");
        assertThat(lines("socklab-hello.socket")).contains("ListenStream=127.0.0.1:10000", "WantedBy=sockets.target")
                .filteredOn(line -> line.startsWith("Listen")).hasSize(1);
        assertThat(lines("socklab-hello-udp.socket")).contains("ListenDatagram=127.0.0.1:10000")
                .filteredOn(line -> line.startsWith("Listen")).hasSize(1);
        assertThat(lines("socklab-arena.socket")).contains("ListenDatagram=127.0.0.1:10666");
        assertThat(lines("socklab-hello-udp.service")).contains(
                "ExecStart=/bin/sh -c 'exec /usr/bin/socklab serve --inherit hello 0<&3'",
                "Requires=socklab-hello-udp.socket", "DynamicUser=yes", "Restart=on-failure");
        assertThat(run.out()).contains("wrote " + dir.resolve("socklab-hello") + ".{socket,service}: hello on tcp"
                + " 127.0.0.1:10000", "systemctl enable --now");
    }

    @Test
    void systemdFindsNothingWrongWithThem() throws IOException, InterruptedException {
        String analyze = Tools.require("systemd-analyze");
        assertThat(CommandRun.of("systemd-units", "--output", dir.toString(), "hello", "echo:unix:/run/socklab/echo.sock")
                .exitCode()).isZero();
        List<String> command = new ArrayList<>(List.of(analyze, "verify", "--man=no"));
        units().forEach(unit -> command.add(dir.resolve(unit).toString()));
        Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();

        assertThat(verify.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(verify.exitValue()).isZero();
    }

    @Test
    void aPortATransportAnAddressAndAUnixSocketAsAsked() throws IOException {
        CommandRun run = CommandRun.of("systemd-units", "--output", dir.toString(), "--bind", "::1",
                "hello:3000/tcp", "echo:unix:/run/socklab/echo.sock", "daytime/udp");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(units()).containsExactlyInAnyOrder("socklab-hello.socket", "socklab-hello.service",
                "socklab-echo.socket", "socklab-echo.service", "socklab-daytime-udp.socket",
                "socklab-daytime-udp.service");
        assertThat(lines("socklab-hello.socket")).contains("ListenStream=[::1]:3000");
        assertThat(lines("socklab-echo.socket")).contains("ListenStream=/run/socklab/echo.sock");
        assertThat(lines("socklab-daytime-udp.socket")).contains("ListenDatagram=[::1]:10013");
    }

    @Test
    void standardPortsAreSystemdsToBind() throws IOException {
        assertThat(CommandRun.of("systemd-units", "--output", dir.toString(), "--standard-ports", "echo").exitCode())
                .isZero();

        assertThat(lines("socklab-echo.socket")).contains("ListenStream=127.0.0.1:7");
        assertThat(lines("socklab-echo-udp.socket")).contains("ListenDatagram=127.0.0.1:7");
    }

    @Test
    void refusesWhatAUnitCannotServe() throws IOException {
        CommandRun.of("systemd-units", "--output", dir.toString(), "ftp")
                .failedWith(ExitCode.USAGE, "ftp needs --ftp-root DIR");
        CommandRun.of("systemd-units", "--output", dir.toString(), "http:10443/tls")
                .failedWith(ExitCode.USAGE, "http:10443/tls: TLS needs a certificate");
        CommandRun.of("systemd-units", "--output", dir.toString(), "hello", "hello:3000/tcp")
                .failedWith(ExitCode.USAGE, "hello is named twice for tcp (socklab-hello)");
        assertThat(units()).as("nothing written after a refusal").isEmpty();
    }

    private List<String> units() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> lines(String unit) throws IOException {
        return Files.readAllLines(dir.resolve(unit));
    }
}
