package dev.socklab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Server;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.RawClient;

/**
 * The program of README.md's "Writing a service", which this package's Javadoc shows too: the same
 * code in both places, and it compiles and runs as the README says, with nothing on the class path
 * but socklab-core, slf4j-api and Logback.
 */
@Timeout(60)
class ServiceExampleTest {
    /** Maven runs core's tests in core: the README is the repository's. */
    private static final Path README = Path.of("..", "README.md");
    private static final Path PACKAGE_INFO = Path.of("src/main/java/dev/socklab/service/package-info.java");
    private static final Pattern BOUND = Pattern.compile("shout on (tcp|udp) 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theJavadocShowsTheProgramOfTheReadme() throws IOException {
        assertThat(javadocExample()).isEqualTo(readmeExample());
    }

    @Test
    void theProgramCompilesAndShoutsBackOverTcpAndUdpUntilEnter(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("ShoutService.java"), readmeExample());
        // The README's class path: socklab-core and slf4j-api to compile, a Logback to see the log.
        String classPath = Stream.of(Server.class, org.slf4j.Logger.class, ch.qos.logback.classic.Logger.class,
                ch.qos.logback.core.Appender.class).map(ServiceExampleTest::location)
                .collect(Collectors.joining(File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElseThrow();

        try (LabProgram shout = LabProgram.start(List.of(java, "-cp", classPath, source.toString(), "0"))) {
            int tcp = boundPort(shout.readLine(WAIT), "tcp");
            int udp = boundPort(shout.readLine(WAIT), "udp");
            assertThat(shout.readLine(WAIT)).isEqualTo("Press Enter to stop.");

            try (RawClient client = RawClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp))) {
                client.send("hi\n");
                assertThat(client.readLine(WAIT)).isEqualTo("HI");
            }
            assertThat(datagramExchange(udp, "hi")).isEqualTo("HI");

            shout.sendLine("");
            String log = shout.outputUntilExit(WAIT);
            assertThat(shout.exitCode()).as("output: %s", log).isZero();
            assertThat(log).contains("client is 127.0.0.1:").contains("shout#1 tcp 127.0.0.1:")
                    .contains(" closed by client ");
        }
    }

    private static int boundPort(String line, String transport) {
        Matcher m = BOUND.matcher(line);
        assertThat(m.matches()).as("a line saying where it listens: %s", line).isTrue();
        assertThat(m.group(1)).isEqualTo(transport);
        return Integer.parseInt(m.group(2));
    }

    private static String datagramExchange(int port, String text) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            byte[] request = text.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        }
    }

    /** The one Java block of the README's "Writing a service". */
    private static String readmeExample() throws IOException {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("## Writing a service\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        int start = section.indexOf("```java\n") + "```java\n".length();
        return section.substring(start, section.indexOf("```", start));
    }

    /** The code between {@code <pre>{@code} and its end in this package's Javadoc, without the comment's stars. */
    private static String javadocExample() throws IOException {
        String javadoc = Files.readString(PACKAGE_INFO);
        int start = javadoc.indexOf(" * <pre>{@code\n") + " * <pre>{@code\n".length();
        return javadoc.substring(start, javadoc.indexOf(" * }</pre>", start)).lines()
                .map(line -> line.startsWith(" * ") ? line.substring(3) : line.substring(2))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
