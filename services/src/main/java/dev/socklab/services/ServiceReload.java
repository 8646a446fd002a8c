package dev.socklab.services;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.socklab.text.Durations;

/**
 * What a reload changes in one service ({@link Reloadable#reload}): one line a setting, such as
 * {@code chat: --chat-max-members: 1000 -> 10}, and the step that puts them in force.
 *
 * @param changes what changes, one line each; empty for nothing
 * @param apply puts the changes in force; run once, after every check of the reload has passed
 */
public record ServiceReload(List<String> changes, Runnable apply) {
    public ServiceReload {
        changes = List.copyOf(changes);
        Objects.requireNonNull(apply);
    }

    /**
     * A line {@code SCOPE: NAME: BEFORE -> AFTER} for each of {@code settings} whose value differs
     * between {@code before} and {@code after}, durations written as on the command line.
     */
    @SafeVarargs
    public static <S> List<String> changes(String scope, S before, S after, Setting<S>... settings) {
        return Arrays.stream(settings)
                .filter(s -> !Objects.equals(s.value().apply(before), s.value().apply(after)))
                .map(s -> scope + ": " + s.name() + ": " + text(s.value().apply(before)) + " -> "
                        + text(s.value().apply(after)))
                .toList();
    }

    private static String text(Object value) {
        return value instanceof Duration d ? Durations.format(d) : String.valueOf(value);
    }

    /**
     * One setting of a settings record {@code S}.
     *
     * @param name how the user knows it: its flag
     * @param value how to read it from the record
     */
    public record Setting<S>(String name, Function<S, Object> value) {
    }
}
