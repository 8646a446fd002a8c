package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SomaxconnTest {
    private static final Path LINUX = Path.of("/proc/sys/net/core/somaxconn");

    @Test
    void theBacklogIsTheKernelsWholeNumber() throws Exception {
        assumeTrue(Files.isReadable(LINUX), "not Linux");
        String kernel;
        try (BufferedReader in = Files.newBufferedReader(LINUX)) {
            kernel = in.readLine().strip();
        }
        assertThat(Somaxconn.value()).isEqualTo(Integer.parseInt(kernel)).isGreaterThanOrEqualTo(128);
    }
}
