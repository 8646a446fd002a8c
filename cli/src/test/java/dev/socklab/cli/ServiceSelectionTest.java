package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.socklab.runtime.Transport;

/** How {@code serve} reads {@code SERVICE[:PORT][/tcp|/udp]}, {@code SERVICE:PORT/tls} and {@code SERVICE:unix:PATH}, without sockets. */
@Timeout(10)
class ServiceSelectionTest {
    @Test
    void serviceAloneIsItsDefaultPortOverTcpAndUdp() {
        ServiceSelection s = ServiceSelection.parse("hello");

        assertThat(s.service().name()).isEqualTo("hello");
        assertThat(s.port()).isEmpty();
        assertThat(s.unixPath()).isEmpty();
        assertThat(s.transports()).containsExactlyInAnyOrder(Transport.TCP, Transport.UDP);
    }

    @Test
    void portIsServedOverTcpAndUdp() {
        ServiceSelection s = ServiceSelection.parse("hello:3000");

        assertThat(s.port()).isEqualTo(OptionalInt.of(3000));
        assertThat(s.transports()).isEqualTo(EnumSet.of(Transport.TCP, Transport.UDP));
    }

    @Test
    void portWithTcpIsServedOverTcpAlone() {
        ServiceSelection s = ServiceSelection.parse("hello:3000/tcp");

        assertThat(s.port()).isEqualTo(OptionalInt.of(3000));
        assertThat(s.transports()).isEqualTo(EnumSet.of(Transport.TCP));
    }

    @Test
    void udpWithoutPortKeepsTheDefaultPort() {
        ServiceSelection s = ServiceSelection.parse("hello/udp");

        assertThat(s.port()).isEmpty();
        assertThat(s.transports()).isEqualTo(EnumSet.of(Transport.UDP));
    }

    @Test
    void unixPathIsAUnixSocketWithNoPort() {
        ServiceSelection s = ServiceSelection.parse("hello:unix:/tmp/h.sock");

        assertThat(s.unixPath()).isEqualTo(Optional.of(Path.of("/tmp/h.sock")));
        assertThat(s.port()).isEmpty();
        assertThat(s.transports()).isEqualTo(EnumSet.of(Transport.UNIX));
    }

    @Test
    void tlsWithAPortIsServedOverTcpAloneWithTls() {
        ServiceSelection s = ServiceSelection.parse("http:10443/tls");

        assertThat(s.service().name()).isEqualTo("http");
        assertThat(s.port()).isEqualTo(OptionalInt.of(10443));
        assertThat(s.transports()).isEqualTo(EnumSet.of(Transport.TCP));
        assertThat(s.tls()).isTrue();
    }

    @Test
    void everySelectionWithoutTlsIsPlain() {
        assertThat(ServiceSelection.parse("echo:10007/tcp").tls()).isFalse();
        assertThat(ServiceSelection.parse("echo").tls()).isFalse();
        assertThat(ServiceSelection.parse("echo:unix:/tmp/e.sock").tls()).isFalse();
    }

    @Test
    void aServiceWithUdpTooIsServedOverTlsOnTcpAlone() {
        ServiceSelection s = ServiceSelection.parse("echo:10007/tls");

        assertThat(s.transports()).isEqualTo(EnumSet.of(Transport.TCP));
        assertThat(s.tls()).isTrue();
    }

    @Test
    void portNameIsLookedUpAsTheLabWritesIt() {
        assertThat(ServiceSelection.parse("hello:daytime").port()).isEqualTo(OptionalInt.of(13));
    }

    @Test
    void portZeroAsksForAnEphemeralPort() {
        assertThat(ServiceSelection.parse("hello:0").port()).isEqualTo(OptionalInt.of(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            helo                      | unknown service 'helo'; run 'socklab services' to list them
            hello:70000               | 'hello:70000': port 70000 is out of range
            hello:-1                  | port -1 is out of range
            hello:                    | no port was given
            hello:no-such-port        | unknown service 'no-such-port'
            hello:unix:               | 'hello:unix:': give the socket's path after unix:
            hello:unix:/x/y.sock/tcp  | 'hello:unix:/x/y.sock/tcp': a Unix socket path takes no /tcp, /udp or /tls
            hello:unix:/x/y.sock/udp  | a Unix socket path takes no /tcp, /udp or /tls
            hello:unix:/x/y.sock/tls  | 'hello:unix:/x/y.sock/tls': a Unix socket path takes no /tcp, /udp or /tls
            http/tls                  | 'http/tls': name the port TLS listens on, as http:10443/tls; http's default port, 10080, stays plain
            http:/tls                 | 'http:/tls': no port was given
            http:10443/tls/tcp        | 'http:10443/tls/tcp'
            helo:10443/tls            | unknown service 'helo'
            """)
    void malformedSelectionIsAUsageErrorSayingWhy(String text, String message) {
        assertThatThrownBy(() -> ServiceSelection.parse(text))
                .isInstanceOf(Errors.UsageException.class)
                .hasMessageContaining(message);
    }
}
