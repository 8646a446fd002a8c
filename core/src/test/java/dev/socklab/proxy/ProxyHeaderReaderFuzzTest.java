package dev.socklab.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.framing.ByteSource;
import dev.socklab.testing.ProxyHeaders;

/**
 * {@link ProxyHeaderReader} on whatever a sender puts first on a connection: it reads a header of
 * an accepted version or refuses with a {@link ProxyHeaderException}, and nothing else is thrown.
 * The first byte picks the versions accepted (its low bits: v1, v2, either). The rest is read
 * whole and a byte a read, and both readings must agree on the header, on where it ends, and on
 * the bytes after it, which come back unchanged; a v1 line is at most 107 bytes and a v2 header
 * within the cap. A header that names a client, written again, reads back the same.
 */
class ProxyHeaderReaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void aHeaderIsReadOrRefusedAndBothReadingsAgree(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        Set<ProxyVersion> accepted = switch (data[0] & 0x03) {
            case 1 -> EnumSet.of(ProxyVersion.V1);
            case 2 -> EnumSet.of(ProxyVersion.V2);
            default -> EnumSet.allOf(ProxyVersion.class);
        };
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);

        String whole = report(ByteSource.of(ByteBuffer.wrap(stream)), stream, accepted);
        String trickled = report(ProxyHeaderReaderTest.aByteARead(stream), stream, accepted);

        assertThat(trickled).isEqualTo(whole);
    }

    /** The header and its length, or the refusal; checks what came after the header against {@code stream}. */
    private static String report(ByteSource source, byte[] stream, Set<ProxyVersion> accepted) throws IOException {
        ProxyHeaderReader.Read read;
        try {
            read = ProxyHeaderReader.read(source, accepted);
        } catch (ProxyHeaderException e) {
            return "refused: " + e.getMessage();
        }
        ProxyHeader header = read.header();
        assertThat(accepted).contains(header.version());
        byte[] rest = new byte[stream.length];
        ByteBuffer after = ByteBuffer.wrap(rest);
        after.put(read.after());
        while (source.read(after) > 0) {
            // Whatever the reader left in the source follows what it handed back.
        }
        int length = stream.length - after.position();
        assertThat(Arrays.copyOf(rest, after.position())).isEqualTo(Arrays.copyOfRange(stream, length, stream.length));
        assertThat(length).isLessThanOrEqualTo(header.version() == ProxyVersion.V1
                ? ProxyHeaderReader.MAX_V1_LINE : ProxyHeaderReader.MAX_V2_HEADER);
        assertThat(header.source().isPresent()).isEqualTo(header.destination().isPresent());
        if (header.source().orElse(null) instanceof InetSocketAddress from
                && header.destination().orElseThrow() instanceof InetSocketAddress to
                && from.getAddress().getClass() == to.getAddress().getClass()) {
            byte[] again = header.version() == ProxyVersion.V1 ? ProxyHeaders.v1(from, to) : ProxyHeaders.v2(from, to);
            assertThat(ProxyHeaderReader.read(ByteSource.of(ByteBuffer.wrap(again)), accepted).header()).isEqualTo(header);
        }
        return header + " in " + length + " bytes";
    }
}
