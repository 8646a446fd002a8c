package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Reading a process's context switches and CPU time as Linux writes them in /proc. */
class ServerUsageTest {

    @Test
    void cpuTimeIsUserPlusSystemCountedFromTheLastParenthesisOfTheCommandName() throws IOException {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9001 0 3 0 1234 567 0 0 20 0 31 0 100 0 0";

        assertThat(ServerUsage.cpuTicks(stat)).isEqualTo(1234 + 567);
        assertThatThrownBy(() -> ServerUsage.cpuTicks("4242 (java) S 1")).isInstanceOf(IOException.class);
    }

    @Test
    void voluntarySwitchesAreReadFromTheirOwnLineNotTheNonvoluntaryOne() throws IOException {
        String status = "Name:\tjava\nnonvoluntary_ctxt_switches:\t7\nvoluntary_ctxt_switches:\t12345\n";

        assertThat(ServerUsage.voluntarySwitches(status)).isEqualTo(12345);
        assertThatThrownBy(() -> ServerUsage.voluntarySwitches("Name:\tjava\n")).isInstanceOf(IOException.class);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisProcessHasUsedCpuAndBlockedAndALaterReadingIsNoLess() throws IOException {
        long pid = ProcessHandle.current().pid();
        ServerUsage first = ServerUsage.read(pid);

        ServerUsage used = ServerUsage.read(pid).since(first);

        assertThat(first.cpuTicks()).isPositive();
        assertThat(first.voluntarySwitches()).isPositive();
        assertThat(used.cpuTicks()).isNotNegative();
    }
}
