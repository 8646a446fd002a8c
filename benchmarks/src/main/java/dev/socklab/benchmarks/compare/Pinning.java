package dev.socklab.benchmarks.compare;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which core the server runs on and which the load generator does, through {@code taskset}, so
 * that the two never compete for one core and the server gets the same single core every run.
 *
 * @param serverCpu the core for the server, or -1 when processes are not pinned
 * @param loadCpu   the core for the load generator, or -1
 * @param note      why processes are not pinned; empty when they are
 */
record Pinning(int serverCpu, int loadCpu, String note) {

    /** Pins to the first two cores this process may run on, when taskset exists and there are two. */
    static Pinning detect() {
        if (!onPath("taskset")) {
            return new Pinning(-1, -1, "taskset not found (util-linux): server and load generator share every core");
        }
        List<Integer> cpus = allowedCpus();
        if (cpus.size() < 2) {
            return new Pinning(-1, -1, "fewer than 2 cores: server and load generator share them");
        }
        return new Pinning(cpus.get(0), cpus.get(1), "");
    }

    boolean enabled() {
        return serverCpu >= 0;
    }

    /** The command prefix that runs a server: {@code taskset -c 0}, or nothing. */
    List<String> server() {
        return prefix(serverCpu);
    }

    /** The command prefix that runs the load generator: {@code taskset -c 1}, or nothing. */
    List<String> load() {
        return prefix(loadCpu);
    }

    private static List<String> prefix(int cpu) {
        return cpu < 0 ? List.of() : List.of("taskset", "-c", Integer.toString(cpu));
    }

    /** The cores in this process's affinity mask ({@code Cpus_allowed_list: 0-1,4}), in order. */
    static List<Integer> allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseCpuList(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: fall through to the processor count.
        }
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            cpus.add(i);
        }
        return cpus;
    }

    /** {@code 0-2,5} as [0, 1, 2, 5]. */
    static List<Integer> parseCpuList(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    /** Whether {@code program} is an executable file in a directory of the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
