package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading the summary of strace -c -f, as strace 6 writes it. */
class SyscallCountsTest {
    static final String SUMMARY = """
            % time     seconds  usecs/call     calls    errors syscall
            ------ ----------- ----------- --------- --------- ----------------
             41.20    1.204000           4    301000           write
             30.10    0.880000           2    402000    101000 read
             20.00    0.584000           5    100500           epoll_wait
              5.00    0.146000           3     40000           epoll_ctl
              3.00    0.087000           2     30000           epoll_pwait
              0.70    0.020000          10      2000       150 futex
            ------ ----------- ----------- --------- --------- ----------------
            100.00    2.921000           3    875500    101150 total
            """;

    @Test
    void epollCallsAndTheTotalAreCountedAndBothWaitsAreOneWait() throws RunFailedException {
        assertThat(SyscallCounts.parse(SUMMARY)).isEqualTo(new SyscallCounts(40000, 130500, 875500));
    }

    @Test
    void aSummaryWithoutEpollCountsZeroOfThem() throws RunFailedException {
        String idle = """
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                 80.00    0.000024           8         3         3 restart_syscall
                 20.00    0.000006           0         9         3 futex
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.000030           2        14         6 total
                """;

        assertThat(SyscallCounts.parse(idle)).isEqualTo(new SyscallCounts(0, 0, 14));
    }

    @Test
    void noTotalMeansStraceWroteNoSummary() {
        assertThatThrownBy(() -> SyscallCounts.parse("strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted\n"))
                .hasMessage("strace wrote no summary of system calls");
    }

    @Test
    void perRoundTripFiguresDivideByTheRoundTripsTheLoadGeneratorReported() throws RunFailedException {
        RunReport load = new RunReport("pingpong", 100, 64, 10, 100_000, 10_000, 1, 1, 1, 1, 0, 0, 0.5, false, Double.NaN);
        RunResult run = new RunResult(load, ServerCost.NONE, SyscallCounts.parse(SUMMARY));

        assertThat(run.epollCtlPerRoundTrip()).isEqualTo(0.4);
        assertThat(run.epollWaitPerRoundTrip()).isEqualTo(1.305);
        assertThat(run.syscallsPerRoundTrip()).isEqualTo(8.755);
        assertThat(run.voluntarySwitchesPerRoundTrip()).isNaN();
    }
}
