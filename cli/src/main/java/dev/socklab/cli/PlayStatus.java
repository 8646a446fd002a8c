package dev.socklab.cli;

import java.util.Locale;

import dev.socklab.client.arena.ArenaFrame;
import dev.socklab.client.arena.ArenaStats;
import dev.socklab.client.arena.Switches;

/** The lines under the arena in {@code socklab play}: the traffic and the player, and the switches with their keys. */
final class PlayStatus {
    private PlayStatus() {
    }

    /** {@code rtt 24ms  loss 0.0%  20 snap/s  corrections 0  players 2  score 1  health 66}. */
    static String traffic(ArenaFrame frame) {
        ArenaStats stats = frame.stats();
        String rtt = stats.roundTrip().map(d -> d.toMillis() + "ms").orElse("-");
        String self = frame.self().map(s -> "  score " + s.score() + "  health " + s.health()).orElse("");
        return String.format(Locale.ROOT, "rtt %s  loss %.1f%%  %d snap/s  corrections %d  players %d%s", rtt,
                stats.loss() * 100, stats.snapshotsPerSecond(), stats.corrections(), frame.players(), self);
    }

    /** {@code [p]rediction on  [r]econciliation on  [i]nterpolation off  [q]uit}: what each key switches. */
    static String switches(Switches switches) {
        return "[p]rediction " + onOff(switches.prediction()) + "  [r]econciliation " + onOff(switches.reconciliation())
                + "  [i]nterpolation " + onOff(switches.interpolation()) + "  [q]uit";
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
