package dev.socklab.service;

import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * How much of something a service holds now (chat members, transfers in progress), read whenever
 * metrics are scraped: {@code value} must be cheap and safe from any thread.
 *
 * @param name lower case words joined by {@code _}, a unit last if it has one ({@code chat_members},
 *     {@code transfers_in_progress}); metrics show it as {@code socklab_} and the name
 * @param help one sentence saying what it counts
 * @param value reads the value now
 */
public record Gauge(String name, String help, LongSupplier value) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** Checks that the name is one metrics can show as it is. */
    public Gauge {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("a gauge's name is lower case words joined by _, not " + name);
        }
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(value, "value");
    }
}
