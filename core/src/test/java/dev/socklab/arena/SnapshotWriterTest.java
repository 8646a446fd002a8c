package dev.socklab.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A snapshot written from views in reused buffers is, byte for byte, the one encoded from the
 * records: the difference from the baseline, or the whole view when that difference is too long.
 */
@Tag("no-engine")
class SnapshotWriterTest {
    private static final String[] NAMES = {"p", "alice", "bob-the-builder!", "zoë", "日本語の名", "✓✓", "\uD83D\uDE00x"};

    @Test
    void aSnapshotIsWrittenAsTheRecordOfItsDifferenceIsEncoded() {
        SplittableRandom random = new SplittableRandom(5);
        SnapshotWriter writer = new SnapshotWriter();
        ByteBuffer written = ByteBuffer.allocate(PacketCodec.MAX_PACKET);
        int againstBaseline = 0;
        int wholeForTooLong = 0;
        ViewBuffer baseline = view(random, new ViewBuffer());
        for (int round = 1; round <= 3000; round++) {
            ViewBuffer view = round % 50 == 0 ? view(random, new ViewBuffer()) : changed(random, baseline);
            boolean none = round % 7 == 0;
            List<EntityDelta> entries = view.toView().deltaFrom(none ? View.EMPTY : baseline.toView());
            long baselineSeq = none ? 0 : round - 1;
            if (entries.size() > PacketCodec.MAX_VIEW) {
                entries = view.toView().deltaFrom(View.EMPTY);
                baselineSeq = 0;
                wholeForTooLong++;
            } else if (!none) {
                againstBaseline++;
            }
            ByteBuffer expected = PacketCodec.encode(new Packet.Snapshot(0x1234_5678, round, baselineSeq, 90_000L + round,
                    round / 2, round % 300, 1_500L * round, 400 + round % 100, entries));

            written.clear();
            writer.write(0x1234_5678, round, 90_000L + round, round / 2, round % 300, 1_500L * round,
                    400 + round % 100, view, none ? 0 : round - 1, none ? null : baseline, written);

            assertThat(written.flip()).as("round %d", round).isEqualTo(expected);
            baseline = view;
        }
        assertThat(againstBaseline).as("snapshots against a baseline").isGreaterThan(2000);
        assertThat(wholeForTooLong).as("snapshots sent whole for a difference too long").isPositive();
    }

    @Test
    void aNameOfMoreThanSixteenBytesIsRefused() {
        ViewBuffer view = new ViewBuffer();
        view.add(new EntityState(1, 0, 0, 0, false, 100, 0, "seventeen-bytes!!"));
        ViewBuffer accented = new ViewBuffer();
        accented.add(new EntityState(1, 0, 0, 0, false, 100, 0, "éééééééé" + "é"));

        for (ViewBuffer tooLong : List.of(view, accented)) {
            assertThatThrownBy(() -> new SnapshotWriter().write(1, 1, 1, 0, 0, 0, 1, tooLong, 0, null,
                    ByteBuffer.allocate(PacketCodec.MAX_PACKET)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 16 UTF-8 bytes");
        }
    }

    @Test
    void aViewBufferHoldsAtMostThirtyTwoEntitiesByIncreasingId() {
        ViewBuffer view = new ViewBuffer();
        view.add(state(5));

        assertThatThrownBy(() -> view.add(state(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> view.add(state(4))).isInstanceOf(IllegalArgumentException.class);
        for (int id = 6; id < 6 + PacketCodec.MAX_VIEW - 1; id++) {
            view.add(state(id));
        }
        assertThatThrownBy(() -> view.add(state(100))).isInstanceOf(IllegalArgumentException.class);

        ViewBuffer copy = new ViewBuffer();
        copy.add(state(1));
        copy.copyFrom(view);
        assertThat(copy.toView()).isEqualTo(view.toView());
        view.clear();
        assertThat(view.size()).isZero();
        assertThat(copy.size()).isEqualTo(PacketCodec.MAX_VIEW);
    }

    private static EntityState state(int id) {
        return new EntityState(id, id, id, 0, false, 100, 0, "p" + id);
    }

    /** Up to 32 entities of ids 1 to 80, each field random. */
    private static ViewBuffer view(SplittableRandom random, ViewBuffer into) {
        int size = random.nextInt(PacketCodec.MAX_VIEW + 1);
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id <= 80; id++) {
            ids.add(id);
        }
        for (int i = 0; i < 80 - size; i++) {
            ids.remove(random.nextInt(ids.size()));
        }
        for (int id : ids) {
            into.add(new EntityState(id, random.nextInt(2048), random.nextInt(1024), random.nextInt(8),
                    random.nextBoolean(), random.nextInt(101), random.nextInt(0x10000), NAMES[random.nextInt(NAMES.length)]));
        }
        return into;
    }

    /** {@code before} after a tick or two of play: most entities stay, some move or change, some leave, some come. */
    private static ViewBuffer changed(SplittableRandom random, ViewBuffer before) {
        ViewBuffer fresh = view(random, new ViewBuffer());
        List<EntityState> merged = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < before.size(); i++) {
            EntityState b = before.get(i);
            while (j < fresh.size() && fresh.get(j).id() < b.id()) {
                if (random.nextInt(6) == 0) {
                    merged.add(fresh.get(j));
                }
                j++;
            }
            if (j < fresh.size() && fresh.get(j).id() == b.id()) {
                j++;
            }
            int fate = random.nextInt(10);
            if (fate == 0) {
                continue;
            }
            merged.add(fate < 4 ? b : fate < 8 ? b.at(b.x() + 4, b.y())
                    : new EntityState(b.id(), b.x(), b.y(), random.nextInt(8), random.nextBoolean(), random.nextInt(101),
                    random.nextInt(0x10000), random.nextInt(4) == 0 ? NAMES[random.nextInt(NAMES.length)] : b.name()));
        }
        ViewBuffer after = new ViewBuffer();
        merged.stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).limit(PacketCodec.MAX_VIEW).forEach(after::add);
        return after;
    }
}
