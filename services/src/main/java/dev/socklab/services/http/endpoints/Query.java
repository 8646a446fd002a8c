package dev.socklab.services.http.endpoints;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.socklab.http.HttpException;

/** A request's query string ({@code a=1&b=2}), decoded as a form is (RFC 3986 percent-encoding, {@code +} for space). */
final class Query {
    private final Map<String, List<String>> args;

    private Query(Map<String, List<String>> args) {
        this.args = args;
    }

    /** {@code query}, decoded; 400 when its percent-encoding is broken. */
    static Query parse(String query) throws HttpException {
        Map<String, List<String>> args = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                args.computeIfAbsent(name, k -> new java.util.ArrayList<>(1)).add(value);
            }
        }
        return new Query(args);
    }

    private static String decode(String text) throws HttpException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpException(400, "a broken percent-encoding in the query: " + e.getMessage());
        }
    }

    /** Every argument, each with its values in order. */
    Map<String, List<String>> all() {
        return args;
    }

    /** The first value of {@code name}, if given. */
    Optional<String> first(String name) {
        List<String> values = args.get(name);
        return values == null ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** {@code name} as a whole number from {@code min} to {@code max}, or {@code otherwise} when not given; 400 when not a number in range. */
    long number(String name, long min, long max, long otherwise) throws HttpException {
        Optional<String> value = first(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        return Numbers.whole(name, value.get(), min, max);
    }

    /** {@code name} as seconds (fractions allowed) from 0 to {@code max}, or {@code otherwise}; 400 otherwise. */
    double seconds(String name, double max, double otherwise) throws HttpException {
        Optional<String> value = first(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        return Numbers.seconds(name, value.get(), max);
    }
}
