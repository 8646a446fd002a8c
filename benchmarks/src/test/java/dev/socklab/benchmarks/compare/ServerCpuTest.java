package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** A server's CPU time with its reaped children's, read as /proc writes it. */
class ServerCpuTest {
    @Test
    void theCpuOfAServerAddsItsReapedChildrensToItsOwn() throws IOException {
        String stat = "4242 (in.tftpd (x)) S 1 4242 4242 0 -1 4194560 120 0 0 0 7 3 25 9 20 0 1 0 100 2000 50";

        assertThat(ServerCpu.ticks(stat)).isEqualTo(7 + 3 + 25 + 9);
        assertThatThrownBy(() -> ServerCpu.ticks("4242 (vsftpd) S 1")).isInstanceOf(IOException.class)
                .hasMessageContaining("not as Linux writes it");
    }

    @Test
    void aServerThatIgnoresSigchldHasItsChildrensTimesDiscarded() throws IOException {
        assertThat(ServerCpu.keepsChildrenTimes("Name:\tin.tftpd\nSigIgn:\t0000000180010000\n")).isFalse();
        assertThat(ServerCpu.keepsChildrenTimes("Name:\tvsftpd\nSigIgn:\t0000000180000000\n")).isTrue();
    }

    @Test
    void thisProcessHasUsedSomeCpu() throws IOException {
        assertThat(ServerCpu.ticks(ProcessHandle.current().pid())).isPositive();
    }
}
