package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(drawn, true, StandardCharsets.UTF_8);

    @Test
    void aKnownTotalShowsTheShareTheBarTheBytesAndTheRate() {
        ProgressBar bar = new ProgressBar(err, 0, OptionalLong.of(10 * MIB), clock::get);
        clock.addAndGet(2 * SECOND);

        assertThat(bar.line(clock.get())).isEqualTo("  0% [>                       ] 0 B of 10.0 MiB  0 B/s");
        bar.accept(4 * MIB);
        assertThat(bar.line(clock.get()))
                .isEqualTo(" 40% [=========>              ] 4.0 MiB of 10.0 MiB  2.0 MiB/s");
        bar.accept(10 * MIB);
        assertThat(bar.line(clock.get()))
                .isEqualTo("100% [========================] 10.0 MiB of 10.0 MiB  5.0 MiB/s");
    }

    @Test
    void aFileTransferAlsoShowsTheTimeLeftAtTheRateSoFar() {
        ProgressBar bar = new ProgressBar(err, 0, OptionalLong.of(10 * MIB), clock::get).showingTimeLeft();
        clock.addAndGet(2 * SECOND);
        bar.accept(4 * MIB);

        assertThat(bar.line(clock.get()))
                .isEqualTo(" 40% [=========>              ] 4.0 MiB of 10.0 MiB  2.0 MiB/s  3s left");
        bar.accept(10 * MIB);
        assertThat(bar.line(clock.get())).as("nothing left at the end").endsWith("5.0 MiB/s");
    }

    @Test
    void aResumedDownloadCountsWhatTheFileHadButNotInTheRate() {
        ProgressBar bar = new ProgressBar(err, 6 * MIB, OptionalLong.of(8 * MIB), clock::get);
        clock.addAndGet(SECOND);
        bar.accept(MIB);

        assertThat(bar.line(clock.get())).startsWith(" 87% ").endsWith("7.0 MiB of 8.0 MiB  1.0 MiB/s");
    }

    @Test
    void anUnknownTotalShowsTheBytesAndTheRate() {
        ProgressBar bar = new ProgressBar(err, 0, OptionalLong.empty(), clock::get);
        clock.addAndGet(SECOND);
        bar.accept(1536);

        assertThat(bar.line(clock.get())).isEqualTo("1.5 KiB  1.5 KiB/s");
    }

    @Test
    void itIsRedrawnAtMostFiveTimesASecondAndEndsWithALineEnd() {
        ProgressBar bar = new ProgressBar(err, 0, OptionalLong.of(1000), clock::get);
        for (int i = 1; i <= 1000; i++) {
            bar.accept(i);
            clock.addAndGet(1_000_000); // a millisecond a read: 1000 reads in one second
        }
        bar.finish();

        String text = drawn.toString(StandardCharsets.UTF_8);
        assertThat(text.chars().filter(c -> c == '\r').count()).isBetween(5L, 7L);
        assertThat(text).endsWith(System.lineSeparator()).contains("100% [");
    }

    @Test
    void sizesAreWrittenInBinaryUnits() {
        assertThat(ProgressBar.size(512)).isEqualTo("512 B");
        assertThat(ProgressBar.size(4300)).isEqualTo("4.2 KiB");
        assertThat(ProgressBar.size(3L * 1024 * MIB / 2)).isEqualTo("1.5 GiB");
    }
}
