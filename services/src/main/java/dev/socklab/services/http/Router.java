package dev.socklab.services.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which route answers a path: an exact path first, then the longest prefix that ends in a slash,
 * then the fallback (the static files, when there is a root).
 */
public final class Router {
    private final Map<String, Route> exact = new HashMap<>();
    private final List<Map.Entry<String, Route>> prefixes = new ArrayList<>();
    private Route fallback;

    /** {@code route} answers {@code path} exactly. */
    public Router exact(String path, Route route) {
        exact.put(path, route);
        return this;
    }

    /** {@code route} answers every path under {@code prefix}, which ends in a slash. */
    public Router prefix(String prefix, Route route) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix ends in a slash: " + prefix);
        }
        prefixes.add(Map.entry(prefix, route));
        prefixes.sort((a, b) -> b.getKey().length() - a.getKey().length());
        return this;
    }

    /** {@code route} answers what nothing else does. */
    public Router fallback(Route route) {
        this.fallback = route;
        return this;
    }

    /** The route for {@code path}, if any answers it. */
    Optional<Route> find(String path) {
        Route route = exact.get(path);
        if (route != null) {
            return Optional.of(route);
        }
        for (Map.Entry<String, Route> p : prefixes) {
            if (path.startsWith(p.getKey())) {
                return Optional.of(p.getValue());
            }
        }
        return Optional.ofNullable(fallback);
    }
}
