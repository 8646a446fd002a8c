package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.socklab.benchmarks.netty.BaselineServer;

/**
 * What the numbers were measured on, for the report: results from another machine are not comparable.
 *
 * @param cores  cores this process may use
 * @param cpu    the processor's model name
 * @param kernel the kernel release
 * @param java   the JDK every process ran on
 * @param netty  the Netty version of the baseline
 */
record Machine(int cores, String cpu, String kernel, String java, String netty) {

    static Machine detect() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vendor.version", System.getProperty("java.vm.vendor"))
                        + " (Java " + Runtime.version() + ")",
                BaselineServer.version());
    }

    /** One line: {@code 2 cores (AMD EPYC), Linux 6.18.4, Temurin-25.0.3+9 (Java 25.0.3+9-LTS), Netty 4.1.137.Final}. */
    String describe() {
        return host() + ", Netty " + netty;
    }

    /** The machine without Netty, for the comparisons that run no Netty or name its version apart. */
    String host() {
        return cores + " cores (" + cpu + "), " + kernel + ", " + java;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown processor");
        } catch (IOException e) {
            return "unknown processor";
        }
    }
}
