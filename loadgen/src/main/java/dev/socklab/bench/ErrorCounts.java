package dev.socklab.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How many operations failed in a run, by {@link ErrorKind}. */
public record ErrorCounts(Map<ErrorKind, Long> byKind) {
    /** Keeps the non-zero counts, in the kinds' order. */
    public ErrorCounts {
        EnumMap<ErrorKind, Long> copy = new EnumMap<>(ErrorKind.class);
        byKind.forEach((kind, n) -> {
            if (n > 0) {
                copy.put(kind, n);
            }
        });
        byKind = Collections.unmodifiableMap(copy);
    }

    /** Counts indexed by {@link ErrorKind#ordinal()}, as the workers keep them. */
    static ErrorCounts of(long[] counts) {
        EnumMap<ErrorKind, Long> map = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            map.put(kind, counts[kind.ordinal()]);
        }
        return new ErrorCounts(map);
    }

    /** Every error of every kind. */
    public long total() {
        return byKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The errors of one kind. */
    public long of(ErrorKind kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    /** {@code 12 refused, 3 timed out}; empty when there were none. */
    public String describe() {
        return byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return total() == 0 ? "no errors" : describe();
    }

    /** Sums of two counts, for merging runs' threads. */
    static long[] sum(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length);
        for (int i = 0; i < b.length; i++) {
            out[i] += b[i];
        }
        return out;
    }
}
