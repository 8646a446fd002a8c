package dev.socklab.benchmarks.compare;

/**
 * What a run's load cost the server, over the load generator's counted window.
 *
 * @param voluntarySwitches voluntary context switches of its threads (those that ended before the window closed are missing)
 * @param cpuSeconds        CPU time, user and system, of the whole process
 */
record ServerCost(double voluntarySwitches, double cpuSeconds) {
    /** Not measured: the workload is not ping-pong, or {@code /proc} could not be read. */
    static final ServerCost NONE = new ServerCost(Double.NaN, Double.NaN);
}
