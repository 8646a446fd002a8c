package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command line that cannot be carried out exits 2 with one sentence on standard error that
 * says what is wrong, and never a stack trace. Each case fails before anything is bound.
 */
@Timeout(30)
class UsageErrorTest {
    static Stream<Arguments> wrongCommandLines() {
        return Stream.of(
                Arguments.of("an unknown option", new String[] {"--no-such-option"},
                        new String[] {"Unknown option", "--no-such-option"}),
                Arguments.of("an unknown service", new String[] {"serve", "helo"},
                        new String[] {"unknown service 'helo'", "socklab services"}),
                Arguments.of("a port out of range", new String[] {"serve", "hello:70000"},
                        new String[] {"70000", "out of range"}),
                Arguments.of("a malformed bind address", new String[] {"serve", "--bind", "1.2.3.4.5"},
                        new String[] {"'1.2.3.4.5' is not an IPv4 address"}),
                Arguments.of("both IP versions excluded", new String[] {"serve", "--ipv4-only", "--ipv6-only"},
                        new String[] {"--ipv4-only", "--ipv6-only", "mutually exclusive"}),
                Arguments.of("a Unix socket with a transport", new String[] {"serve", "hello:unix:/x/y.sock/tcp"},
                        new String[] {"hello:unix:/x/y.sock/tcp", "takes no /tcp, /udp or /tls"}),
                Arguments.of("a Unix socket with no path", new String[] {"serve", "hello:unix:"},
                        new String[] {"give the socket's path"}),
                Arguments.of("a Unix socket over UDP", new String[] {"hello", "--udp", "--unix", "/tmp/x"},
                        new String[] {"--unix", "--udp"}),
                Arguments.of("a duration in parsecs", new String[] {"serve", "--idle-timeout", "5 parsecs"},
                        new String[] {"--idle-timeout", "'5 parsecs' is not a duration", "5s"}),
                Arguments.of("a duration with no unit", new String[] {"serve", "--idle-timeout", "5"},
                        new String[] {"'5' is not a duration"}),
                Arguments.of("a zero idle timeout", new String[] {"serve", "--idle-timeout", "0s"},
                        new String[] {"idle timeout must be positive"}),
                Arguments.of("an idle timeout for an unknown service", new String[] {"serve", "--idle-timeout", "ehco=5m"},
                        new String[] {"--idle-timeout ehco=5m", "unknown service 'ehco'"}),
                Arguments.of("an idle timeout for a service not served",
                        new String[] {"serve", "hello:0", "--idle-timeout", "echo=5m"},
                        new String[] {"names echo, which this server does not serve"}),
                Arguments.of("a service's idle timeout in parsecs", new String[] {"serve", "--idle-timeout", "echo=5 parsecs"},
                        new String[] {"--idle-timeout", "'5 parsecs' is not a duration"}),
                Arguments.of("a negative first-request timeout", new String[] {"serve", "--first-request-timeout", "PT-1S"},
                        new String[] {"first-request timeout cannot be negative"}),
                Arguments.of("no connections allowed", new String[] {"serve", "--max-connections", "0"},
                        new String[] {"connection limit must be at least 1"}),
                Arguments.of("a block past 32 bits", new String[] {"serve", "--allow", "10.0.0.0/33"},
                        new String[] {"--allow", "'10.0.0.0/33'", "0 to 32"}),
                Arguments.of("a name in a deny list", new String[] {"serve", "--deny", "example.com"},
                        new String[] {"--deny", "'example.com' is not an address or a block"}),
                Arguments.of("an allow list for an unknown service", new String[] {"serve", "--allow", "ehco=::1"},
                        new String[] {"--allow ehco=::1", "unknown service 'ehco'"}),
                Arguments.of("a limit for a service not served",
                        new String[] {"serve", "hello:0", "--max-connections-per-source", "echo=3"},
                        new String[] {"names echo, which this server does not serve"}),
                Arguments.of("a per-source limit that is not a number",
                        new String[] {"serve", "--max-connection-rate-per-source", "lots"},
                        new String[] {"--max-connection-rate-per-source", "'lots' is not a number"}),
                Arguments.of("a service's connection limit of zero",
                        new String[] {"serve", "hello:0", "--max-connections", "hello=0"},
                        new String[] {"hello=0", "at least 1"}),
                Arguments.of("an allow file that is missing", new String[] {"serve", "--allow-file", "/nonexistent/allow.txt"},
                        new String[] {"--allow-file: cannot read the address list /nonexistent/allow.txt: no such file"}),
                Arguments.of("a deny file that is missing", new String[] {"serve", "--deny-file", "echo=/nonexistent/deny.txt"},
                        new String[] {"--deny-file: cannot read the address list /nonexistent/deny.txt: no such file"}),
                Arguments.of("an I/O engine that is none", new String[] {"serve", "hello:0", "--io", "kqueue"},
                        new String[] {"unknown I/O engine 'kqueue': epoll or jdk"}),
                Arguments.of("a negative number of carriers", new String[] {"serve", "hello:0", "--io-threads", "-1"},
                        new String[] {"I/O threads cannot be negative"}),
                Arguments.of("no UDP replies allowed", new String[] {"serve", "--udp-rate", "0"},
                        new String[] {"UDP rate limits must be at least 1"}),
                Arguments.of("a chat line of no bytes", new String[] {"serve", "chat:0", "--chat-max-line", "0"},
                        new String[] {"--chat-max-line must be from 1"}),
                Arguments.of("a date format that is none", new String[] {"serve", "daytime:0", "--format", "yyyy{"},
                        new String[] {"'yyyy{' is not a date format"}),
                Arguments.of("a quotes file that is missing", new String[] {"serve", "qotd:0", "--quotes", "/nonexistent/q.txt"},
                        new String[] {"cannot read the quotes file /nonexistent/q.txt: no such file"}),
                Arguments.of("a deny file that never ends", new String[] {"serve", "--deny-file", "/dev/zero"},
                        new String[] {"--deny-file: the address list /dev/zero is larger than 1 MiB",
                                "an address list is at most 1 MiB"}),
                Arguments.of("an allow file that never ends", new String[] {"serve", "--allow-file", "echo=/dev/zero"},
                        new String[] {"--allow-file: the address list /dev/zero is larger than 1 MiB"}),
                Arguments.of("a quotes file that never ends", new String[] {"serve", "qotd:0", "--quotes", "/dev/zero"},
                        new String[] {"the quotes file /dev/zero is larger than 1 MiB"}),
                Arguments.of("an ARP table file that is missing", new String[] {"serve", "arp:0", "--arp-table", "/nonexistent/ethers"},
                        new String[] {"/nonexistent/ethers cannot be read (no such file)"}),
                Arguments.of("a zero client timeout", new String[] {"hello", "--timeout", "0s"},
                        new String[] {"--timeout", "positive"}),
                Arguments.of("a client timeout in parsecs", new String[] {"hello", "--timeout", "5parsecs"},
                        new String[] {"--timeout", "'5parsecs' is not a duration"}),
                Arguments.of("host and port in one word", new String[] {"hello", "127.0.0.1:80"},
                        new String[] {"looks like host:port"}),
                Arguments.of("an unknown port name", new String[] {"hello", "127.0.0.1", "no-such-port"},
                        new String[] {"unknown service 'no-such-port'"}),
                Arguments.of("an IPv6 host with --ipv4-only", new String[] {"hello", "::1", "1", "--ipv4-only"},
                        new String[] {"::1 is an IPv6 address", "IPv4 only"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongCommandLines")
    void wrongCommandLineExitsTwoWithOneSentence(String what, String[] args, String[] fragments) {
        CommandRun.of(args).failedWith(ExitCode.USAGE, fragments);
    }

    @Test
    void aDenyFilesBadLineReachesTheTerminalWithItsEscapesMadeVisible(@TempDir Path dir) throws IOException {
        Path deny = Files.writeString(dir.resolve("deny"), "10.0.0.1\n\u001b]0;pwned\u0007\u202E\n");

        CommandRun run = CommandRun.of("serve", "--deny-file", deny.toString())
                .failedWith(ExitCode.USAGE, deny + " line 2: '^[]0;pwned^G<U+202E>' is not an address");

        // Before, the escape sequence set the operator's terminal title.
        assertThat(run.err()).doesNotContain("\u001b", "\u0007", "\u202E");
    }

    @Test
    void aValueFromTheCommandLineIsEchoedBackWithItsEscapesMadeVisible() {
        CommandRun run = CommandRun.of("serve", "--deny", "\u001b[2J").failedWith(ExitCode.USAGE, "'^[[2J'");
        assertThat(run.err()).doesNotContain("\u001b");
    }
}
