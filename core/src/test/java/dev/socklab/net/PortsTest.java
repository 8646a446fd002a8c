package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortsTest {

    private static final String SERVICES = """
            # Network services, Internet style
            echo\t\t7/tcp
            echo\t\t7/udp
            http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP
            daytime\t\t13/tcp
            split\t\t5000/udp\tsplitalias
            split\t\t5001/tcp
            udponly\t\t6000/udp
            first\t\t100/tcp
            first\t\t200/tcp
            sctponly\t7000/sctp
            a line that is not an entry
            toobig\t\t70000/tcp
            noproto\t\t123
            # commented\t9999/tcp
            crlf\t\t8080/tcp\r
            """;

    @TempDir
    Path dir;

    private Path services;

    @BeforeEach
    void writeServicesFile() throws IOException {
        services = dir.resolve("services");
        Files.writeString(services, SERVICES, StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource({
        "0,       0",
        "7,       7",
        "80,      80",
        "65535,   65535",
        "' 8080 ', 8080",
        "007,     7",
    })
    void decimalNumberIsReadAsAPort(String text, int port) {
        assertThat(Ports.parse(text)).isEqualTo(port);
        assertThat(Ports.parse(text, services)).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "70000", "-1", "99999999999999999999"})
    void numberOutsideThePortRangeIsRefused(String text) {
        assertThatThrownBy(() -> Ports.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessage("port " + text + " is out of range: a port is a number from 0 to 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void missingPortIsRefused(String text) {
        assertThatThrownBy(() -> Ports.parse(text))
                .isInstanceOf(AddressException.class)
                .hasMessage("no port was given: give a port number from 0 to 65535 or a service name such as daytime");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "echo,       7",
        "http,       80",
        "www,        80",
        "split,      5001",
        "splitalias, 5000",
        "udponly,    6000",
        "sctponly,   7000",
        "first,      100",
        "crlf,       8080",
        "' daytime ', 13",
    })
    void serviceNameOrAliasIsReadFromTheServicesFile(String text, int port) {
        assertThat(Ports.parse(text, services)).isEqualTo(port);
    }

    @Test
    void tcpEntryWinsWhenTcpAndUdpDiffer() {
        // The udp line comes first in the file, yet tcp is what a stream client means.
        assertThat(Ports.parse("split", services)).isEqualTo(5001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"toobig", "noproto", "commented", "a", "line", "HTTP", "Echo"})
    void malformedCommentedOrDifferentlyCasedEntriesAreNotNames(String text) {
        assertThatThrownBy(() -> Ports.parse(text, services))
                .isInstanceOf(AddressException.class)
                .hasMessageStartingWith("unknown service '" + text + "': give a port number or a service name from "
                        + services);
    }

    @Test
    void unknownServiceSuggestsTheNearestName() {
        assertThatThrownBy(() -> Ports.parse("dytime", services))
                .isInstanceOf(AddressException.class)
                .hasMessage("unknown service 'dytime': give a port number or a service name from " + services
                        + " such as daytime");
        assertThatThrownBy(() -> Ports.parse("HTTP", services))
                .hasMessageEndingWith(" such as http");
        assertThatThrownBy(() -> Ports.parse("ehco", services))
                .hasMessageEndingWith(" such as echo");
    }

    @Test
    void unknownServiceFarFromAnyNameSuggestsDaytime() {
        assertThatThrownBy(() -> Ports.parse("gibberish-service", services))
                .hasMessage("unknown service 'gibberish-service': give a port number or a service name from "
                        + services + " such as daytime");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "echo, 7", "discard, 9", "systat, 11", "daytime, 13", "qotd, 17", "chargen, 19",
        "ftp-data, 20", "ftp, 21", "ssh, 22", "telnet, 23", "smtp, 25", "time, 37", "domain, 53",
        "tftp, 69", "gopher, 70", "finger, 79", "http, 80", "pop3, 110", "sunrpc, 111", "nntp, 119",
        "ntp, 123", "imap2, 143", "imap, 143", "snmp, 161", "https, 443",
    })
    void classicNamesAreKnownWhenTheServicesFileIsMissing(String name, int port) {
        Path missing = dir.resolve("no-such-services");

        assertThat(Ports.parse(name, missing)).isEqualTo(port);
    }

    @Test
    void unreadableServicesFileFallsBackToTheClassicNames() {
        // A directory cannot be read as a file, which stands in for a permission problem.
        assertThat(Ports.parse("daytime", dir)).isEqualTo(13);
    }

    @Test
    void unknownServiceWithoutAServicesFileSaysOnlyClassicNamesAreKnown() {
        Path missing = dir.resolve("no-such-services");

        assertThatThrownBy(() -> Ports.parse("dytime", missing))
                .isInstanceOf(AddressException.class)
                .hasMessage("unknown service 'dytime': give a port number or a service name such as daytime ("
                        + missing + " cannot be read, so only the classic names are known)");
    }

    @Test
    void onlyTheFirstMebibyteOfTheServicesFileIsRead() throws IOException {
        Path huge = dir.resolve("huge-services");
        StringBuilder text = new StringBuilder("early\t1111/tcp\n");
        String filler = "# " + "x".repeat(97) + "\n";
        while (text.length() < ServicesFile.MAX_BYTES - 10) {
            text.append(filler);
        }
        // This line straddles the cap, so it must be dropped rather than read cut short.
        text.append("straddle\t2222/tcp\n").append("late\t3333/tcp\n");
        Files.writeString(huge, text, StandardCharsets.US_ASCII);

        assertThat(Ports.parse("early", huge)).isEqualTo(1111);
        assertThatThrownBy(() -> Ports.parse("straddle", huge)).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Ports.parse("late", huge)).isInstanceOf(AddressException.class);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"daytime, 13", "echo, 7", "ssh, 22", "http, 80"})
    void systemServicesFileOrTheFallbackKnowsTheClassicNames(String name, int port) {
        assertThat(Ports.parse(name)).isEqualTo(port);
    }

    @Test
    void systemServicesFileIsReadOnceAndShared() {
        assertThat(Ports.systemTable()).isSameAs(Ports.systemTable()).containsEntry("daytime", 13);
    }

    @Test
    void unknownSystemServiceNamesTheInputAndSuggestsAName() {
        assertThatThrownBy(() -> Ports.parse("dytime"))
                .isInstanceOf(AddressException.class)
                .hasMessageStartingWith("unknown service 'dytime': give a port number or a service name")
                .hasMessageContaining(" such as daytime");
    }

    @Test
    void nullTextIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> Ports.parse(null));
    }
}
