package dev.socklab.benchmarks.compare;

/**
 * What one run measured: the load generator's report, and what the load cost the server.
 *
 * @param load     the load generator's report
 * @param server   the server's context switches and CPU over the counted window; {@link ServerCost#NONE} when not measured
 * @param syscalls the server's system calls under strace; {@link SyscallCounts#NONE} for a run not under strace
 */
record RunResult(RunReport load, ServerCost server, SyscallCounts syscalls) {
    double voluntarySwitchesPerRoundTrip() {
        return perRoundTrip(server.voluntarySwitches());
    }

    /** Round trips per CPU-second of the server: what bounds it when the load generator is not the limit. */
    double roundTripsPerCpuSecond() {
        return server.cpuSeconds() > 0 ? load.operations() / server.cpuSeconds() : Double.NaN;
    }

    double epollCtlPerRoundTrip() {
        return perRoundTrip(syscalls.epollCtl());
    }

    double epollWaitPerRoundTrip() {
        return perRoundTrip(syscalls.epollWait());
    }

    double syscallsPerRoundTrip() {
        return perRoundTrip(syscalls.total());
    }

    private double perRoundTrip(double count) {
        return load.operations() > 0 ? count / load.operations() : Double.NaN;
    }
}
