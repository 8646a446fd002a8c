package dev.socklab.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link PacketCodec#decode} on any datagram a client or a server could be sent: a packet or a
 * {@link MalformedPacketException}, nothing else thrown; a packet decoded, encoded again, gives the
 * same bytes (a CONNECT's padding aside); {@link InputPacket} reads it in place exactly when it
 * decodes as an INPUT; and a snapshot applied to a baseline gives a view or a
 * {@link MalformedPacketException}, its entities by increasing id.
 */
class ArenaPacketFuzzTest {
    private static final View BASELINE = new View(List.of(
            new EntityState(1, 10, 10, 0, false, 100, 0, "a"),
            new EntityState(2, 20, 20, 4, true, 66, 3, "b")));

    @FuzzTest(maxDuration = "30s")
    void aDatagramIsOnePacketOrRefused(byte[] data) {
        Packet packet;
        try {
            packet = PacketCodec.decode(ByteBuffer.wrap(data));
        } catch (MalformedPacketException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            assertThat(InputPacket.isValid(ByteBuffer.wrap(data))).isFalse();
            return;
        }
        assertThat(InputPacket.isValid(ByteBuffer.wrap(data))).isEqualTo(packet instanceof Packet.Input);
        ByteBuffer again = PacketCodec.encode(packet);
        int compared = packet instanceof Packet.Connect ? PacketCodec.HEADER_SIZE + Long.BYTES : data.length;
        assertThat(again.remaining()).isEqualTo(data.length);
        assertThat(again.slice(0, compared)).isEqualTo(ByteBuffer.wrap(data, 0, compared));
        if (packet instanceof Packet.Snapshot snapshot) {
            for (View baseline : List.of(View.EMPTY, BASELINE)) {
                try {
                    View view = baseline.apply(snapshot.entities());
                    assertThat(view.entities().size()).isLessThanOrEqualTo(baseline.entities().size() + PacketCodec.MAX_VIEW);
                } catch (MalformedPacketException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
        }
    }
}
