package dev.socklab.runtime;

import java.util.List;

/**
 * What {@link Server#reconfigure} did: the settings it changed, one line each
 * ({@code idle timeout: 1m -> 5s}), or, when something asked for needs a restart, what (and then
 * nothing was changed at all).
 *
 * @param changed each setting changed, as {@code [SERVICE: ]NAME: BEFORE -> AFTER}; empty when nothing was
 * @param needsRestart each difference a running server cannot take, such as {@code echo tcp 127.0.0.1:10008 is new}
 */
public record Reconfigured(List<String> changed, List<String> needsRestart) {
    public Reconfigured {
        changed = List.copyOf(changed);
        needsRestart = List.copyOf(needsRestart);
    }

    /** Whether the settings were put in force: nothing needed a restart. */
    public boolean applied() {
        return needsRestart.isEmpty();
    }
}
