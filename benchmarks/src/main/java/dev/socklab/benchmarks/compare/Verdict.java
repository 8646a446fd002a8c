package dev.socklab.benchmarks.compare;

/** How socklab did against the target on one metric. */
enum Verdict {
    /** The target is met: at least even where more is better, at most even where less is. */
    PASS("PASS"),
    /** The target is missed. */
    MISS("MISS"),
    /** A side has no successful run, so there is nothing to compare. */
    NO_DATA("NO DATA"),
    /** The metric has no target: it is shown for reference. */
    REFERENCE("-");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** socklab's median against Netty's on {@code metric}; the ratio is for reading, the comparison is direct. */
    static Verdict judge(Metric metric, double socklab, double netty) {
        if (!metric.judged()) {
            return REFERENCE;
        }
        if (Double.isNaN(socklab) || Double.isNaN(netty)) {
            return NO_DATA;
        }
        boolean met = metric.higherIsBetter() ? socklab >= netty : socklab <= netty;
        return met ? PASS : MISS;
    }

    /** Whether it stands in the way of exit code 0: a target missed, or one with nothing to judge it on. */
    boolean fails() {
        return this == MISS || this == NO_DATA;
    }

    @Override
    public String toString() {
        return text;
    }
}
