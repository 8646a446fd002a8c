package dev.socklab.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

class PacketCodecTest {
    private static final byte[] COOKIE = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void connectIsPaddedSoThatItsChallengeIsSmaller() throws Exception {
        ByteBuffer connect = PacketCodec.encode(new Packet.Connect(0x1122334455667788L));
        ByteBuffer challenge = PacketCodec.encode(new Packet.Challenge(0x1122334455667788L, 1234, COOKIE));

        assertThat(connect.remaining()).isEqualTo(PacketCodec.CONNECT_SIZE);
        assertThat(challenge.remaining()).isEqualTo(PacketCodec.CHALLENGE_SIZE).isLessThan(connect.remaining());
        assertThat(PacketCodec.decode(connect)).isEqualTo(new Packet.Connect(0x1122334455667788L));
        assertThat(connect.get(0)).isEqualTo((byte) 'S');
        assertThat(connect.get(1)).isEqualTo((byte) 'A');
    }

    @Test
    void everyPacketRoundTrips() throws Exception {
        List<Packet> packets = List.of(
                new Packet.Welcome(0xCAFEBABE, 7, 30, 20, 2048, 1024),
                new Packet.Refused(PacketCodec.REFUSED_FULL, "the arena is full (500 players)"),
                new Packet.Leave(42, PacketCodec.LEAVE_TIMEOUT),
                new Packet.Warning(42, PacketCodec.WARNING_TOO_FAST, "more than 30 inputs a second"),
                new Packet.Snapshot(42, 0xFFFF_FFF0L, 0xFFFF_FFEFL, 99, 1000, 12, 850, 3, List.of(
                        EntityDelta.full(new EntityState(1, 100, 200, 3, true, 66, 2, "alice")),
                        EntityDelta.removed(2),
                        new EntityDelta(5, EntityDelta.X | EntityDelta.HEALTH, 300, 0, 0, 32, 0, null))));
        for (Packet packet : packets) {
            assertThat(PacketCodec.decode(PacketCodec.encode(packet))).isEqualTo(packet);
        }
        Packet.Input input = (Packet.Input) PacketCodec.decode(PacketCodec.encode(
                new Packet.Input(42, 10, 9, 100, new byte[] {1, 17, 0})));
        assertThat(input.buttons()).containsExactly(1, 17, 0);
        assertThat(input.lastInput()).isEqualTo(102);
        Packet.Join join = (Packet.Join) PacketCodec.decode(PacketCodec.encode(new Packet.Join(5, 6, COOKIE, "zoë")));
        assertThat(join.nickname()).isEqualTo("zoë");
        assertThat(join.cookie()).isEqualTo(COOKIE);
    }

    @Test
    void refusesWhatIsNotExactlyOnePacket() {
        ByteBuffer leave = PacketCodec.encode(new Packet.Leave(1, 0));
        assertMalformed(leave.duplicate().limit(leave.limit() - 1), "ends in the middle");
        assertMalformed(ByteBuffer.allocate(leave.limit() + 1).put(leave.duplicate()).rewind(), "after the packet's end");
        assertMalformed(ByteBuffer.wrap(new byte[] {'S', 'A', 2, 9, 0, 0, 0, 1, 0}), "version 2");
        assertMalformed(ByteBuffer.wrap(new byte[] {'X', 'A', 1, 9, 0, 0, 0, 1, 0}), "not an arena packet");
        assertMalformed(ByteBuffer.wrap(new byte[] {'S', 'A', 1, 99}), "no packet type 99");
        assertMalformed(PacketCodec.encode(new Packet.Connect(1)).limit(63), "padded to 64");
    }

    @Test
    void aCountPastItsBoundIsRefusedBeforeAnythingIsRead() {
        ByteBuffer snapshot = PacketCodec.encode(new Packet.Snapshot(1, 1, 0, 1, 0, 0, 0, 1, List.of()));
        snapshot.putShort(snapshot.limit() - 2, (short) 0xFFFF);
        assertMalformed(snapshot, "at most 32 entities, not 65535");
        ByteBuffer input = PacketCodec.encode(new Packet.Input(1, 1, 0, 1, new byte[] {0}));
        input.put(input.limit() - 2, (byte) 200);
        assertMalformed(input, "1 to 8 inputs, not 200");
    }

    @Test
    void namesAreStrictUtf8() {
        ByteBuffer join = PacketCodec.encode(new Packet.Join(5, 6, COOKIE, "ab"));
        join.put(join.limit() - 1, (byte) 0xFF);
        assertMalformed(join, "not UTF-8");
    }

    private static void assertMalformed(ByteBuffer packet, String message) {
        assertThatThrownBy(() -> PacketCodec.decode(packet)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining(message);
    }
}
