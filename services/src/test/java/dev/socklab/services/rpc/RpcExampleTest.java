package dev.socklab.services.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.socklab.rpc.JsonRpc;
import dev.socklab.rpc.RpcValues;
import dev.socklab.rpc.XmlRpcCodec;
import dev.socklab.services.http.HttpService;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.RawClient;

/**
 * The program of README.md's "Remote procedure calls", which the Javadoc of {@code dev.socklab.rpc} shows too:
 * the same code in both places, and it compiles and runs as the README says, with nothing on the class path but
 * socklab-core, socklab-services, Jackson, slf4j-api and Logback, and answers over TCP and HTTP.
 */
@Timeout(60)
class RpcExampleTest {
    /** Maven runs the services' tests in services: the README and core are the repository's. */
    private static final Path README = Path.of("..", "README.md");
    private static final Path PACKAGE_INFO = Path.of("..", "core", "src", "main", "java", "dev", "socklab", "rpc",
            "package-info.java");
    private static final Pattern BOUND = Pattern.compile("(loans|loans-http) on tcp 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theJavadocShowsTheProgramOfTheReadme() throws IOException {
        assertThat(javadocExample()).isEqualTo(readmeExample());
    }

    @Test
    void theProgramCompilesAndAnswersOverTcpAndHttpUntilEnter(@TempDir Path dir) throws Exception {
        // The program runs in a JVM of its own, which picks its I/O engine itself: one run of the two is enough.
        assumeFalse("jdk".equals(System.getProperty("socklab.io")), "run on the epoll run's pass");
        Path source = Files.writeString(dir.resolve("LoanService.java"), readmeExample());
        // The README's class path: socklab-core, socklab-services, Jackson and slf4j-api to compile, a Logback to log.
        String classPath = Stream.of(JsonRpc.class, HttpService.class, JsonNode.class, tools.jackson.core.JsonParser.class,
                com.fasterxml.jackson.annotation.JsonProperty.class, org.slf4j.Logger.class,
                ch.qos.logback.classic.Logger.class, ch.qos.logback.core.Appender.class)
                .map(RpcExampleTest::location).distinct().collect(Collectors.joining(File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElseThrow();

        try (LabProgram loans = LabProgram.start(List.of(java, "-cp", classPath, source.toString(), "0", "0"))) {
            Map<String, Integer> ports = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                String line = loans.readLine(WAIT);
                Matcher m = BOUND.matcher(line);
                assertThat(m.matches()).as("a line saying where it listens: %s", line).isTrue();
                ports.put(m.group(1), Integer.parseInt(m.group(2)));
            }
            assertThat(loans.readLine(WAIT)).isEqualTo("Press Enter to stop.");
            String due = LocalDate.now().plusWeeks(3).toString();

            try (RawClient client = RawClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    ports.get("loans")))) {
                client.send("{\"jsonrpc\":\"2.0\",\"method\":\"loan.due\",\"params\":[{\"title\":\"SICP\",\"weeks\":3}],"
                        + "\"id\":1}\n");
                assertThat(client.readLine(WAIT)).isIn(
                        "{\"jsonrpc\":\"2.0\",\"result\":{\"title\":\"SICP\",\"due\":\"" + due + "\"},\"id\":1}",
                        // Past midnight between the two dates: tomorrow's loan.
                        "{\"jsonrpc\":\"2.0\",\"result\":{\"title\":\"SICP\",\"due\":\""
                                + LocalDate.parse(due).plusDays(1) + "\"},\"id\":1}");
            }
            String base = "http://127.0.0.1:" + ports.get("loans-http");
            assertThat(post(base + "/jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"loan.due\","
                    + "\"params\":{\"loan\":{\"title\":\"SICP\",\"weeks\":0}},\"id\":2}"))
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32602,\"message\":\"a loan is for a week or more\"},"
                            + "\"id\":2}");
            JsonNode xml = XmlRpcCodec.decodeResponse(post(base + "/RPC2", new String(XmlRpcCodec.encodeCall("loan.due",
                    List.of(RpcValues.MAPPER.readTree("{\"title\":\"SICP\",\"weeks\":3}"))))).getBytes());
            assertThat(xml.get("title").asString()).isEqualTo("SICP");
            assertThat(RpcValues.MAPPER.treeToValue(xml.get("due"), LocalDateTime.class).toLocalDate())
                    .isBetween(LocalDate.parse(due), LocalDate.parse(due).plusDays(1));

            loans.sendLine("");
            String log = loans.outputUntilExit(WAIT);
            assertThat(loans.exitCode()).as("output: %s", log).isZero();
            assertThat(log).contains("loans#").contains("loans-http#").contains("POST /jsonrpc 200");
        }
    }

    private static String post(String url, String body) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
            return response.body();
        }
    }

    /** The first Java block of the README's "Remote procedure calls". */
    private static String readmeExample() throws IOException {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("### Remote procedure calls\n"));
        int start = section.indexOf("```java\n") + "```java\n".length();
        return section.substring(start, section.indexOf("```", start));
    }

    /** The code between {@code <pre>{@code} and its end in the package's Javadoc, without the comment's stars. */
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
