package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** strace attached to a real Netty baseline, which goes on serving after strace detaches. */
class StraceSessionTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void straceCountsTheEchoServersCallsWhileAttachedAndTheServerOutlivesIt() throws Exception {
        assumeTrue(Pinning.onPath("strace"), "strace is not installed");
        Children children = new Children();
        Launch launch = Launch.of(dir, dir.resolve("socklab.jar"), new Pinning(-1, -1, "not in tests"), Duration.ofSeconds(1));
        try (ServerProcess server = ServerProcess.start(children, Side.NETTY, launch, dir.resolve("netty.log"))) {
            int port = server.port("echo/tcp");
            SyscallCounts counts;
            try (StraceSession strace = StraceSession.attach(children, launch, server.pid(), dir.resolve("s.txt"),
                    dir.resolve("s.log"))) {
                echo(port, 20);
                counts = strace.stop();
            }

            assertThat(counts.epollWait()).isPositive();
            assertThat(counts.total()).isGreaterThan(counts.epollWait());
            echo(port, 1); // strace detached: the server serves on, untraced
            assertThat(server.stop()).isEqualTo("stopped");
        }
    }

    private static void echo(int port, int times) throws IOException {
        try (Socket s = new Socket(Launch.HOST, port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < times; i++) {
                out.write(new byte[] {(byte) i});
                assertThat(in.read()).isEqualTo(i);
            }
        }
    }
}
