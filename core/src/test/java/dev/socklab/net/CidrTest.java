package dev.socklab.net;

import static dev.socklab.testing.AddressLiteral.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and matching addresses and CIDR blocks, without sockets. */
class CidrTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.0.2.1, 192.0.2.1, true",
            "192.0.2.1, 192.0.2.2, false",
            "192.0.2.128/25, 192.0.2.127, false",
            "192.0.2.128/25, 192.0.2.200, true",
            "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, ::1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "::1, ::1, true",
            "::1, 127.0.0.1, false",
            "[2001:db8::]/48, 2001:db8:0:1::1, true",
            "::/0, 2001:db8::1, true",
            "::/0, 10.0.0.1, false",
            "10.0.0.0/8, ::ffff:10.0.0.1, true",
            "::ffff:10.0.0.0/104, 10.1.2.3, true",
            "::ffff:10.0.0.0/104, 11.1.2.3, false",
            "::ffff:192.0.2.1, 192.0.2.1, true",
    })
    void blockHoldsTheAddressesItsPrefixCovers(String block, String address, boolean contained) {
        assertThat(Cidr.parse(block).contains(literal(address))).isEqualTo(contained);
    }

    @Test
    void anIpv4MappedAddressIsJudgedAsItsIpv4AddressEvenAsAnIpv6Object() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        InetAddress asIpv6 = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(asIpv6).isInstanceOf(Inet6Address.class);
        assertThat(Cidr.parse("10.0.0.0/8").contains(asIpv6)).isTrue();
        assertThat(Cidr.parse("::/0").contains(asIpv6)).isFalse();
        assertThat(AddressSet.parse("10.0.0.1").contains(asIpv6)).isTrue();
    }

    @Test
    void bitsPastThePrefixAreCleared() {
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("2001:db8::1/32")).hasToString("2001:db8::/32");
        assertThat(Cidr.parse("192.0.2.7")).hasToString("192.0.2.7/32");
        assertThat(Cidr.parse("::ffff:10.9.9.9/104")).hasToString("10.0.0.0/8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0/8", "example.com",
            "localhost", "fe80::1%lo/64", "::ffff:10.0.0.0/64", "10.0.0.0/-1", "", "1.2.3.4/8/8"})
    void textThatIsNotABlockIsRejectedWithoutALookup(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(AddressException.class)
                .hasMessageContaining("'");
    }

    @Test
    void anInlineListTakesCommasAndSpaces() {
        AddressSet set = AddressSet.parse("10.0.0.0/8, 192.0.2.1 ::1");
        assertThat(set.blocks()).hasSize(3);
        assertThat(set.contains(literal("10.2.3.4"))).isTrue();
        assertThat(set.contains(literal("::1"))).isTrue();
        assertThat(set.contains(literal("192.0.2.2"))).isFalse();
    }

    @Test
    void aFileTakesCommentsAndBlankLines() throws IOException {
        Path file = Files.writeString(dir.resolve("allow.txt"), """
                # the lab's networks
                10.0.0.0/8   # building A

                2001:db8::/32, 127.0.0.2
                """);
        AddressSet set = AddressSet.load(file);
        assertThat(set.blocks()).extracting(Cidr::toString)
                .containsExactly("10.0.0.0/8", "2001:db8::/32", "127.0.0.2/32");
    }

    @Test
    void aBadLineInAFileIsNamedByFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("deny.txt"), "10.0.0.0/8\n10.0.0.0/40\n");
        assertThatThrownBy(() -> AddressSet.load(file)).isInstanceOf(AddressException.class)
                .hasMessageStartingWith(file + " line 2: '10.0.0.0/40'");
    }

    @Test
    void aFileThatNeverEndsIsRefusedAtItsBoundInOneSentence() {
        // Before, /dev/zero was read whole: start-up never ended, and memory grew without end.
        assertThatThrownBy(() -> AddressSet.load(Path.of("/dev/zero"))).isInstanceOf(AddressException.class)
                .hasMessage("the address list /dev/zero is larger than 1 MiB: an address list is at most 1 MiB;"
                        + " merge its addresses into wider blocks");
    }

    @Test
    void aFileOneBytePastTheBoundIsRefusedAndOneAtItIsRead() throws IOException {
        String line = "10.0.0.1 # a comment" + " ".repeat(107) + "\n"; // 128 bytes: 8,192 entries in 1 MiB
        Path atBound = Files.writeString(dir.resolve("at.txt"), line.repeat(AddressSet.MAX_FILE_BYTES / 128));
        assertThat(AddressSet.load(atBound).blocks()).hasSize(AddressSet.MAX_FILE_BYTES / 128);
        Path past = Files.writeString(dir.resolve("past.txt"), line.repeat(AddressSet.MAX_FILE_BYTES / 128) + "\n");
        assertThatThrownBy(() -> AddressSet.load(past)).isInstanceOf(AddressException.class)
                .hasMessageStartingWith("the address list " + past + " is larger than 1 MiB");
    }

    @Test
    void aFileThatIsNotUtf8IsOneSentence() throws IOException {
        Path file = Files.write(dir.resolve("latin1.txt"), "10.0.0.1 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> AddressSet.load(file)).isInstanceOf(AddressException.class)
                .hasMessage("the address list " + file + " is not UTF-8 text: save it as UTF-8");
    }

    @Test
    void aMissingFileIsOneSentenceThatSaysWhy() {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> AddressSet.load(missing)).isInstanceOf(AddressException.class)
                .hasMessage("cannot read the address list " + missing + ": no such file");
    }
}
