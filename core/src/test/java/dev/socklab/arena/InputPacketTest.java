package dev.socklab.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link InputPacket} agrees with {@link PacketCodec#decode} on INPUTs whole, cut, padded and spoiled. */
@Tag("no-engine")
class InputPacketTest {

    @Test
    void validExactlyWhenDecodeGivesAnInputAndThenReadsItsFields() {
        SplittableRandom random = new SplittableRandom(5);
        int valid = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] buttons = new byte[1 + random.nextInt(PacketCodec.MAX_INPUTS_PER_PACKET)];
            random.nextBytes(buttons);
            ByteBuffer encoded = PacketCodec.encode(new Packet.Input(random.nextInt(), random.nextLong(1L << 32),
                    random.nextLong(1L << 32), random.nextLong(1L << 32), buttons));
            // The packet at an offset in a larger buffer, as a transport may hand it over.
            int offset = random.nextInt(3);
            ByteBuffer in = ByteBuffer.allocate(offset + PacketCodec.MAX_PACKET + 2);
            in.position(offset);
            in.put(encoded);
            int end = in.position();
            switch (random.nextInt(4)) {
                case 0 -> end -= 1 + random.nextInt(end - offset);
                case 1 -> end += 1 + random.nextInt(2);
                case 2 -> in.put(offset + random.nextInt(end - offset), (byte) random.nextInt(256));
                default -> { }
            }
            in.limit(end).position(offset);

            Packet decoded;
            try {
                decoded = PacketCodec.decode(in);
            } catch (MalformedPacketException e) {
                decoded = null;
            }

            assertThat(InputPacket.isValid(in)).as("packet %d", n).isEqualTo(decoded instanceof Packet.Input);
            if (decoded instanceof Packet.Input input) {
                valid++;
                assertThat(InputPacket.session(in)).isEqualTo(input.session());
                assertThat(InputPacket.packetSeq(in)).isEqualTo(input.packetSeq());
                assertThat(InputPacket.ackSnapshot(in)).isEqualTo(input.ackSnapshot());
                assertThat(InputPacket.firstInput(in)).isEqualTo(input.firstInput());
                assertThat(InputPacket.count(in)).isEqualTo(input.buttons().length);
                for (int i = 0; i < input.buttons().length; i++) {
                    assertThat(InputPacket.buttons(in, i)).isEqualTo(input.buttons()[i] & 0xFF);
                }
            }
            assertThat(in.position()).isEqualTo(offset);
            assertThat(in.limit()).isEqualTo(end);
        }
        assertThat(valid).as("INPUTs whole").isGreaterThan(5_000);
    }

    @Test
    void aBufferNotInNetworkByteOrderIsNeverValid() {
        ByteBuffer in = PacketCodec.encode(new Packet.Input(7, 1, 0, 1, new byte[] {Buttons.FIRE}));

        assertThat(InputPacket.isValid(in)).isTrue();
        assertThat(InputPacket.isValid(in.order(ByteOrder.LITTLE_ENDIAN))).isFalse();
    }
}
