package dev.socklab.netem;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.socklab.text.Durations;

/**
 * What the network does to the datagrams one side sends, as Linux's netem does it with {@code tc},
 * set without root: each datagram is delayed by {@code lag} plus a uniform jitter in
 * [-{@code jitter}, +{@code jitter}], and lost, duplicated or reordered with the given
 * probabilities. An {@link ImpairedLink} applies them.
 *
 * @param lag the delay every datagram takes, at least 0 and at most a minute
 * @param jitter how far each datagram's delay strays from {@code lag} either way, at random; at least 0 and at most a minute
 * @param loss the fraction of datagrams lost, 0 to 1
 * @param duplicate the fraction of datagrams sent twice, 0 to 1
 * @param reorder the fraction of datagrams held back, so that those behind overtake them, 0 to 1
 */
public record NetworkConditions(Duration lag, Duration jitter, double loss, double duplicate, double reorder) {
    /** Longer than this, a delay is an outage, which a timeout shows better. */
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%?");

    /** A perfect network: every datagram goes at once, as sent. (After the constants its constructor checks with.) */
    public static final NetworkConditions NONE = new NetworkConditions(Duration.ZERO, Duration.ZERO, 0, 0, 0);

    /** Checks each value; {@link IllegalArgumentException} in one sentence for any out of range. */
    public NetworkConditions {
        checkDelay("lag", lag);
        checkDelay("jitter", jitter);
        checkFraction("loss", loss);
        checkFraction("duplicate", duplicate);
        checkFraction("reorder", reorder);
    }

    private static void checkDelay(String what, Duration delay) {
        Objects.requireNonNull(delay, what);
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the " + what + " cannot be negative: " + Durations.format(delay));
        }
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("the " + what + " is at most " + Durations.format(MAX_DELAY) + ", not "
                    + Durations.format(delay));
        }
    }

    private static void checkFraction(String what, double fraction) {
        // Written so that NaN fails too.
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the " + what + " is a fraction from 0 to 1 (0% to 100%), not " + fraction);
        }
    }

    /** Whether these conditions change nothing. */
    public boolean isNone() {
        return lag.isZero() && jitter.isZero() && loss == 0 && duplicate == 0 && reorder == 0;
    }

    /** The conditions as a person reads them: {@code lag 100ms, jitter 20ms, loss 5%}, only those set, or {@code none}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!lag.isZero()) {
            parts.add("lag " + Durations.format(lag));
        }
        if (!jitter.isZero()) {
            parts.add("jitter " + Durations.format(jitter));
        }
        addPercent(parts, "loss", loss);
        addPercent(parts, "duplicate", duplicate);
        addPercent(parts, "reorder", reorder);
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void addPercent(List<String> parts, String what, double fraction) {
        if (fraction != 0) {
            parts.add(what + " " + BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%");
        }
    }

    /**
     * Reads a percentage as a fraction: {@code 5%} and {@code 5} are 0.05, {@code 0.5%} is 0.005.
     *
     * @throws IllegalArgumentException in one sentence, with an example, if the text is no percentage from 0 to 100
     */
    public static double parsePercent(String text) {
        String trimmed = text.strip();
        if (!PERCENT.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage; write it like 5% or 0.5%");
        }
        BigDecimal percent = new BigDecimal(trimmed.endsWith("%") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        if (percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than 100%; write a percentage like 5% or 0.5%");
        }
        return percent.movePointLeft(2).doubleValue();
    }
}
