package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two of the compared servers started as the comparison starts them, loaded by h2load a little, and stopped by PID. */
class HttpServerProcessTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = HttpServer.class, names = {"BUSYBOX", "JWEBSERVER"})
    @Timeout(120)
    void aServerServesBothFilesToH2loadAndStopsBySigterm(HttpServer server) throws Exception {
        assumeTrue(Pinning.onPath("h2load"), "h2load is not installed");
        Launch launch = Launch.of(dir, dir.resolve("socklab.jar"), new Pinning(-1, -1, "not in tests"), Duration.ofSeconds(1));
        String program = server.program(launch).orElse(null);
        assumeTrue(program != null, server.label() + " is not installed");
        Children children = new Children();
        try (HttpSite site = HttpSite.create();
             HttpServerProcess served = HttpServerProcess.start(children, launch, site, server, program, dir.resolve("server.log"))) {
            for (HttpCase c : HttpCase.all().subList(1, 3)) {
                Path log = dir.resolve("requests.tsv");
                Path out = dir.resolve("h2load.txt");
                // A few connections: this checks the runner, and 100 connects at once overflow jwebserver's small listen backlog.
                int connections = Math.min(c.connections(), 10);
                Process h2load = children.start(new ProcessBuilder(H2load.command(launch.pinning(),
                        "http://127.0.0.1:" + served.port() + c.path(), connections, 2L * connections, log))
                        .redirectErrorStream(true).redirectOutput(out.toFile()));
                assertThat(h2load.waitFor(60, TimeUnit.SECONDS)).isTrue();

                H2load result = H2load.parse(Files.readString(out), log);

                assertThat(result.succeeded()).as("%s", Files.readString(out)).isEqualTo(2L * connections);
                assertThat(result.errors()).isZero();
                assertThat(result.p99Micros()).isPositive();
            }
            assertThat(served.stop()).isEqualTo("stopped");
        }
    }

    @Test
    void nginxGetsOneWorkerItsDefaultsAndEveryPathInItsOwnDirectory() {
        String conf = HttpSite.nginxConf(Path.of("/t/nginx"), Path.of("/t/www"), 8080);

        assertThat(conf).contains("daemon off;", "worker_processes 1;", "pid /t/nginx/nginx.pid;",
                "access_log /t/nginx/access.log;", "listen 127.0.0.1:8080;", "root /t/www;")
                .doesNotContain("sendfile", "keepalive", "tcp_nopush");
    }
}
