package dev.socklab.rpc;

import java.util.Objects;

/**
 * A method's parameter: its name (what JSON-RPC's named parameters use, and what a positional
 * parameter is called in an error) and the Java type its value is mapped to before the method
 * runs. A record, the JDK's numbers, strings, booleans, {@code byte[]}, {@code java.time} values,
 * lists and maps all map; a value that does not fit is the caller's error, -32602.
 *
 * @param name the parameter's name
 * @param type what its value becomes
 * @param <T> the type
 */
public record Param<T>(String name, Class<T> type) {
    /** Checks the name. */
    public Param {
        Objects.requireNonNull(type, "type");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
    }

    /** The parameter {@code name}, of {@code type}. */
    public static <T> Param<T> of(String name, Class<T> type) {
        return new Param<>(name, type);
    }
}
