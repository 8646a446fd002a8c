package dev.socklab.cli;

import java.time.Duration;

import picocli.CommandLine.Option;

import dev.socklab.netem.NetworkConditions;

/**
 * {@code --lag}, {@code --jitter}, {@code --loss}, {@code --duplicate} and {@code --reorder}: the
 * network conditions a command applies to the datagrams it sends itself, without root or
 * {@code tc} ({@link dev.socklab.netem.ImpairedLink}). A picocli mixin: a command that sends
 * datagrams adds it with {@code @Mixin} and asks {@link #conditions()}.
 */
final class NetworkConditionsOptions {
    // The shares' defaults are written as typed ("0%"): socklab config example shows them so, where a double would show 0.0.
    @Option(names = "--lag", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay each datagram by this much, as a long path would (applied to what this side sends).")
    Duration lag = Duration.ZERO;

    @Option(names = "--jitter", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Vary each datagram's delay at random by up to this much either way, which reorders them too"
                    + " (applied to what this side sends).")
    Duration jitter = Duration.ZERO;

    @Option(names = "--loss", paramLabel = "PERCENT", converter = PercentConverter.class, defaultValue = "0%",
            description = "Lose this share of datagrams at random, like 5%% (applied to what this side sends).")
    double loss;

    @Option(names = "--duplicate", paramLabel = "PERCENT", converter = PercentConverter.class, defaultValue = "0%",
            description = "Send this share of datagrams twice, the copy up to 10 ms later (applied to what this side"
                    + " sends).")
    double duplicate;

    @Option(names = "--reorder", paramLabel = "PERCENT", converter = PercentConverter.class, defaultValue = "0%",
            description = "Hold this share of datagrams back 10 to 50 ms, so that later ones overtake them (applied to"
                    + " what this side sends).")
    double reorder;

    /**
     * The conditions asked for; {@link NetworkConditions#NONE} when none was.
     *
     * @throws Errors.UsageException if a duration is out of range (a lag over a minute), in one sentence
     */
    NetworkConditions conditions() {
        try {
            return new NetworkConditions(lag, jitter, loss, duplicate, reorder);
        } catch (IllegalArgumentException e) {
            throw new Errors.UsageException(e.getMessage());
        }
    }
}
