package dev.socklab.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header fields of a request or a response, in the order they came; names compared without
 * regard to case. Immutable.
 */
public final class Fields {
    private static final Fields NONE = new Fields(List.of());

    private final List<Field> all;

    private Fields(List<Field> all) {
        this.all = all;
    }

    /** No fields. */
    public static Fields none() {
        return NONE;
    }

    /** The fields given as name, value, name, value... */
    public static Fields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a name without its value");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** A builder, for fields added one by one. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every field, in order. */
    public List<Field> all() {
        return all;
    }

    /** The number of fields. */
    public int size() {
        return all.size();
    }

    /** The value of the first field called {@code name}, if any. */
    public Optional<String> first(String name) {
        for (Field f : all) {
            if (f.is(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every field called {@code name}, in order. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>(1);
        for (Field f : all) {
            if (f.is(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    /** Whether there is a field called {@code name}. */
    public boolean has(String name) {
        return first(name).isPresent();
    }

    /**
     * Whether a field called {@code name} lists {@code token} among its comma-separated elements,
     * ignoring case: {@code Connection: keep-alive, Upgrade} has {@code upgrade}.
     */
    public boolean hasToken(String name, String token) {
        for (String value : values(name)) {
            for (String element : value.split(",")) {
                if (element.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** These fields and then {@code more}. */
    public Fields with(Fields more) {
        if (more.all.isEmpty()) {
            return this;
        }
        List<Field> joined = new ArrayList<>(all);
        joined.addAll(more.all);
        return new Fields(List.copyOf(joined));
    }

    /** These fields and then one more. */
    public Fields with(String name, String value) {
        return with(of(name, value));
    }

    /** Fields are equal when they have the same names, in the same case, and values, in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Fields other && all.equals(other.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Field f : all) {
            s.append(f.name()).append(": ").append(f.value()).append('\n');
        }
        return s.toString();
    }

    /** Collects fields in order. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        /** Adds a field. */
        public Builder add(String name, String value) {
            fields.add(new Field(name, value));
            return this;
        }

        /** The fields so far. */
        public Fields build() {
            return fields.isEmpty() ? NONE : new Fields(List.copyOf(fields));
        }
    }
}
