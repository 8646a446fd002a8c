package dev.socklab.services.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;

/**
 * Any datagram as a TFTP packet: a packet or a {@link TftpException} with ERROR 2 or 4, nothing
 * else; a request's options negotiate to values within their RFCs and the caps, or to ERROR 8. See
 * docs/security.md.
 */
class TftpPacketFuzzTest {
    private static final int MAX_BLOCK = 1468;
    private static final int MAX_WINDOW = 16;

    @FuzzTest(maxDuration = "30s")
    void aDatagramDecodesToAPacketOrAnErrorAndARequestNegotiatesWithinTheCaps(byte[] data) {
        Packet packet;
        try {
            packet = PacketCodec.decode(ByteBuffer.wrap(data));
        } catch (TftpException e) {
            assertThat(e.code()).isIn(ErrorCode.ILLEGAL_OPERATION, ErrorCode.ACCESS_VIOLATION);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (!(packet instanceof Packet.Request request)) {
            return;
        }
        assertThat(request.filename()).doesNotContain("\0");
        TransferOptions options;
        try {
            options = TransferOptions.negotiate(request, MAX_BLOCK, MAX_WINDOW, OptionalLong.of(data.length));
        } catch (TftpException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.OPTION_REFUSED);
            return;
        }
        assertThat(options.blockSize()).isBetween(TransferOptions.MIN_BLOCK_SIZE, MAX_BLOCK);
        assertThat(options.windowSize()).isBetween(1, MAX_WINDOW);
        assertThat(options.timeout().toSeconds()).isBetween(1L, 255L);
        assertThat(options.taken().keySet()).isSubsetOf("blksize", "windowsize", "timeout", "tsize");
        // What the OACK names decodes back to the same options.
        if (!options.taken().isEmpty()) {
            try {
                assertThat(((Packet.OptionAck) PacketCodec.decode(PacketCodec.optionAck(options.taken()))).options())
                        .isEqualTo(options.taken());
            } catch (TftpException e) {
                throw new AssertionError("an OACK the server made does not decode: " + e.getMessage());
            }
        }
    }
}
