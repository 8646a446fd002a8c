package dev.socklab.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What a soak's clients counted, shared by all of them: operations by part, errors by kind, lost datagrams. */
final class SoakTally {
    private final Map<SoakPart, LongAdder> operations = new EnumMap<>(SoakPart.class);
    private final LongAdder[] errors = new LongAdder[ErrorKind.values().length];
    private final LongAdder lost = new LongAdder();

    SoakTally() {
        for (SoakPart part : SoakPart.values()) {
            operations.put(part, new LongAdder());
        }
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    void operation(SoakPart part) {
        operations.get(part).increment();
    }

    void error(ErrorKind kind) {
        errors[kind.ordinal()].increment();
    }

    void countLost() {
        lost.increment();
    }

    Map<SoakPart, Long> operations() {
        Map<SoakPart, Long> counts = new EnumMap<>(SoakPart.class);
        operations.forEach((part, n) -> counts.put(part, n.sum()));
        return counts;
    }

    ErrorCounts errors() {
        long[] counts = new long[errors.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = errors[i].sum();
        }
        return ErrorCounts.of(counts);
    }

    long lostCount() {
        return lost.sum();
    }
}
