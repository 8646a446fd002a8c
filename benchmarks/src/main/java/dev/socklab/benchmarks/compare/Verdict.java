package dev.socklab.benchmarks.compare;

/** How socklab did against the target on one metric. */
enum Verdict {
    /** The target is met: at least even where more is better, at most even where less is. */
    PASS("PASS"),
    /** The target is missed. */
    MISS("MISS"),
    /** A side has no successful run, so there is nothing to compare. */
    NO_DATA("NO DATA");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** socklab's median against Netty's on {@code metric}; the ratio is for reading, the comparison is direct. */
    static Verdict judge(Metric metric, double socklab, double netty) {
        if (Double.isNaN(socklab) || Double.isNaN(netty)) {
            return NO_DATA;
        }
        boolean met = metric.higherIsBetter() ? socklab >= netty : socklab <= netty;
        return met ? PASS : MISS;
    }

    @Override
    public String toString() {
        return text;
    }
}
