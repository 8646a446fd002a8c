package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.testing.Await;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.RawClient;

/**
 * Out of file descriptors, the accept loop backs off instead of spinning, and serves again by
 * itself once descriptors are free. The server runs in a JVM of its own ({@link DescriptorHog})
 * with a low {@code ulimit -n}, so that using up its descriptors cannot disturb this one.
 */
@Timeout(60)
class AcceptBackoffTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Room for the JVM's own descriptors (jars, epoll, pipes), and not so many that using them up is slow. */
    private static final int DESCRIPTOR_LIMIT = 256;
    /** How long the outage is watched: the back-off reaches 640 ms in it; a spinning loop would burn all of it. */
    private static final Duration OUTAGE = Duration.ofSeconds(1);

    @Test
    void acceptLoopOutOfDescriptorsBacksOffWithoutSpinningAndServesAgainOnceTheyAreFree() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("sh", "-c", "ulimit -n " + DESCRIPTOR_LIMIT + " && exec \"$0\" -cp \"$1\" "
                + DescriptorHog.class.getName(), java, System.getProperty("java.class.path"));
        try (LabProgram hog = LabProgram.start(command)) {
            int port = Integer.parseInt(reply(hog, "port "));
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

            hog.sendLine("exhaust");
            assertThat(reply(hog, "held ")).contains("Too many open files");

            // A blocked accept() holds the descriptor it will return (Linux takes it before it
            // waits), so one connection still gets in; the next accept() fails with EMFILE.
            try (RawClient first = RawClient.connect(server); RawClient waiting = RawClient.connect(server)) {
                first.send("first\n");
                assertThat(first.readLine(WAIT)).isEqualTo("FIRST");
                Await.until(() -> acceptorState(hog).equals("TIMED_WAITING"), WAIT,
                        "the accept loop is parked in its back-off");
                long cpuBefore = acceptorCpuNanos(hog);
                long wallBefore = System.nanoTime();
                Thread.sleep(OUTAGE); // not a synchronisation: the outage being measured
                long cpu = acceptorCpuNanos(hog) - cpuBefore;
                long wall = System.nanoTime() - wallBefore;

                assertThat(cpu).as("CPU the accept thread used in %d ms out of descriptors", wall / 1_000_000)
                        .isLessThan(wall / 10);

                hog.sendLine("release");
                reply(hog, "released");

                waiting.send("waiting\n");
                assertThat(waiting.readLine(WAIT)).isEqualTo("WAITING");
            }
            try (RawClient after = RawClient.connect(server)) {
                after.send("after\n");
                assertThat(after.readLine(WAIT)).isEqualTo("AFTER");
            }
        }
    }

    /** The rest of the first line the hog prints that starts with {@code prefix}; its log lines are skipped. */
    private static String reply(LabProgram hog, String prefix) throws IOException {
        for (int skipped = 0; skipped < 100; skipped++) {
            String line = hog.readLine(WAIT);
            assertThat(line).as("the hog's answer starting '%s'", prefix).isNotNull();
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new AssertionError("no line starting '" + prefix + "' among the hog's first 100");
    }

    private static String[] cpu(LabProgram hog) {
        try {
            hog.sendLine("cpu");
            return reply(hog, "cpu ").split(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long acceptorCpuNanos(LabProgram hog) {
        return Long.parseLong(cpu(hog)[0]);
    }

    private static String acceptorState(LabProgram hog) {
        return cpu(hog)[1];
    }
}
