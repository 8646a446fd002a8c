package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * socklab's TFTP and FTP side by side with the C servers Debian ships: TFTP reads at windowsize 1
 * and 16 (atftp, blksize 1468) against tftpd-hpa and atftpd, and an FTP {@code RETR} (curl, passive)
 * against vsftpd, every server serving the same files of random bytes from a temporary directory.
 * Every server starts once, on free ports of 127.0.0.1 and the server's core, with the clients on
 * the other core; each case runs once on each server as a warm-up, then {@code --rounds} times,
 * the servers in turn in each round, and the table gives each server's best run. Every process
 * started is stopped by its PID, every step has a time limit, and the temporary directory is
 * deleted at the end.
 */
public final class FileComparison {
    /** socklab was at least as fast as every C server on every case. */
    public static final int ALL_MET = 0;
    /** socklab was behind a C server on some case, or lacks a figure where one has it. */
    public static final int NOT_MET = 1;
    /** No atftp or no curl: there is no client to measure with; or --strace without strace. */
    public static final int CANNOT_RUN = 3;

    private static final List<String> CLIENTS = List.of("atftp", "curl");

    private final FileCompareOptions options;
    private final String commandLine;
    private final PrintStream out;
    private final Children children = new Children();
    private final Map<FileServer, Map<FileCase, List<Double>>> runs = new EnumMap<>(FileServer.class);
    private final Map<FileServer, Map<FileCase, List<Double>>> cpu = new EnumMap<>(FileServer.class);
    private final Map<FileServer, Map<FileCase, Integer>> failures = new EnumMap<>(FileServer.class);
    private final Map<FileServer, Map<FileCase, String>> negotiated = new EnumMap<>(FileServer.class);

    /** A comparison with these options; {@code commandLine} is how it was called, for the report. */
    public FileComparison(FileCompareOptions options, String commandLine, PrintStream out) {
        this.options = options;
        this.commandLine = commandLine;
        this.out = out;
    }

    /** Runs the comparison and prints as it goes; returns the exit code. */
    public int run() throws IOException {
        for (String client : CLIENTS) {
            if (!Pinning.onPath(client)) {
                out.println("compare-files: " + client + " is not installed (Debian: apt-get install atftp curl): there is"
                        + " no client to measure with");
                return CANNOT_RUN;
            }
        }
        if (options.strace() && !Pinning.onPath("strace")) {
            out.println("compare-files: strace is not installed (apt-get install strace): --strace cannot count system calls");
            return CANNOT_RUN;
        }
        Path root = options.report().root();
        Path logs = root.resolve("benchmarks/target/compare-files");
        Files.createDirectories(logs);
        Path built = SocklabSnapshot.built(root);
        Path jar = options.servers().contains(FileServer.SOCKLAB) && Files.isRegularFile(built)
                ? SocklabSnapshot.take(root, logs.resolve("socklab")) : built;
        Launch launch = Launch.of(root, jar, Pinning.detect(), Duration.ZERO);
        List<FileServer> servers = new ArrayList<>();
        for (FileServer server : options.servers()) {
            server.missing(launch).ifPresentOrElse(why -> out.println("skipped: " + why), () -> servers.add(server));
        }
        List<FileCase> cases = options.cases().stream().filter(c -> servers.stream().anyMatch(s -> s.serves(c.protocol())))
                .toList();
        if (cases.isEmpty()) {
            out.println("compare-files: none of the servers asked for can run here: nothing to measure");
            return NOT_MET;
        }
        ScratchFiles files = ScratchFiles.create();
        Thread hook = new Thread(() -> {
            children.stopAll();
            deleteQuietly(files);
        }, "compare-files-stop-children");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("making the files in " + files.dir() + ": " + String.join(", ",
                    cases.stream().map(FileCase::label).toList()));
            files.write(cases);
            return compare(launch, servers, cases, files, logs);
        } finally {
            children.stopAll();
            deleteQuietly(files);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private int compare(Launch launch, List<FileServer> servers, List<FileCase> cases, ScratchFiles files, Path logs)
            throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("atftp", version(List.of("atftp", "--version"), logs));
        versions.put("curl", version(List.of("curl", "--version"), logs));
        for (FileServer server : servers) {
            versions.put(server.label(), version(server.versionCommand(launch), logs));
        }
        Machine machine = Machine.detect();
        out.println(servers.size() + " servers x " + cases.size() + " cases, best of " + options.rounds()
                + " run(s) after a warm-up: " + String.join(", ", servers.stream().map(FileServer::label).toList()));
        out.println("machine: " + machine.host());
        out.println(launch.pinning().enabled() ? "servers on core " + launch.pinning().serverCpu() + ", clients on core "
                + launch.pinning().loadCpu() + " (taskset)" : "not pinned: " + launch.pinning().note());
        out.println("logs of each run: " + logs);
        long started = System.nanoTime();
        FileClients clients = new FileClients(children, launch);
        ClockTicks ticks = ClockTicks.detect(children, logs.resolve("clk_tck.txt"));
        if (!ticks.note().isEmpty()) {
            out.println(ticks.note());
        }
        Map<FileServer, FileServerProcess> running = new EnumMap<>(FileServer.class);
        List<TracedTransfer> traced = new ArrayList<>();
        try {
            for (FileServer server : servers) {
                start(launch, clients, server, cases, files, logs).ifPresent(p -> running.put(server, p));
            }
            for (int round = 0; round <= options.rounds(); round++) {
                out.println(round == 0 ? "warm-up:" : "round " + round + ":");
                for (FileCase c : cases) {
                    for (FileServerProcess served : running.values()) {
                        if (served.server().serves(c.protocol())) {
                            measure(clients, ticks, served, c, files, logs, round);
                        }
                    }
                }
            }
            if (options.strace()) {
                out.println("under strace:");
                for (FileCase c : cases) {
                    for (FileServerProcess served : running.values()) {
                        if (served.server().serves(c.protocol())) {
                            traced(launch, clients, served, c, files, logs).ifPresent(traced::add);
                        }
                    }
                }
            }
        } finally {
            for (FileServerProcess served : running.values()) {
                String stopped = served.stop();
                if (!stopped.equals("stopped")) {
                    out.println("(" + served.server().label() + " " + stopped + ")");
                }
            }
        }
        List<FileRow> rows = new ArrayList<>();
        for (FileCase c : cases) {
            for (FileServer server : servers) {
                if (server.serves(c.protocol())) {
                    rows.add(new FileRow(server, c, runs.getOrDefault(server, Map.of()).getOrDefault(c, List.of()),
                            cpu.getOrDefault(server, Map.of()).getOrDefault(c, List.of()),
                            negotiated.getOrDefault(server, Map.of()).getOrDefault(c, ""),
                            failures.getOrDefault(server, Map.of()).getOrDefault(c, 0)));
                }
            }
        }
        String table = FileTable.markdown(rows);
        if (!traced.isEmpty()) {
            table += "\nSystem calls of each server (strace -c -f, all its threads and children) in one more run of"
                    + " each case, per MB transferred:\n\n" + FileTable.syscalls(traced);
        }
        out.println();
        out.println("Best of " + options.rounds() + " run(s), in " + Plan.rough(Duration.ofNanos(System.nanoTime() - started))
                + ":");
        out.print(table);
        options.report().write(report(machine, launch.pinning(), versions, table), out);
        return FileTable.socklabAtLeastTheCServers(rows) ? ALL_MET : NOT_MET;
    }

    /**
     * Starts {@code server} and checks what it serves: the options it acknowledges at each TFTP
     * case's window, the probe file's bytes over FTP. A failure is printed and fails all its runs.
     */
    private Optional<FileServerProcess> start(Launch launch, FileClients clients, FileServer server,
                                                        List<FileCase> cases, ScratchFiles files, Path logs) {
        String name = server.label();
        FileServerProcess served = null;
        try {
            served = FileServerProcess.start(children, launch, server, files.served(), files.work(server),
                    logs.resolve(name + ".server.log"));
            out.println(name + ": pid " + served.pid() + (server.serves(FileProtocol.TFTP) ? ", TFTP port "
                    + served.tftpPort() : "") + (server.serves(FileProtocol.FTP) ? ", FTP port " + served.ftpPort() : ""));
            for (FileCase c : cases) {
                if (!server.serves(c.protocol())) {
                    continue;
                }
                Path output = logs.resolve(name + "-" + c.slug() + "-probe.txt");
                Path copy = files.received().resolve(ScratchFiles.PROBE);
                String answer;
                if (c.protocol() == FileProtocol.TFTP) {
                    answer = clients.negotiated(served, c.windowSize(), ScratchFiles.PROBE, copy, output);
                } else {
                    clients.ftpCopy(served, ScratchFiles.PROBE, copy, output);
                    answer = sameBytes(files.served().resolve(ScratchFiles.PROBE), copy);
                }
                negotiated.computeIfAbsent(server, s -> new HashMap<>()).put(c, answer);
                out.println("  " + c.label() + ": " + answer);
            }
            return Optional.of(served);
        } catch (RunFailedException e) {
            out.println("FAILED: " + name + ": " + e.getMessage() + " (logs: " + logs.resolve(name) + "*)");
            if (served != null) {
                served.stop();
            }
            for (FileCase c : cases) {
                if (server.serves(c.protocol())) {
                    failures.computeIfAbsent(server, s -> new HashMap<>()).put(c, options.rounds());
                }
            }
            return Optional.empty();
        }
    }

    /** Compares the probe file curl received with the original; the answer for the FTP row's negotiated column. */
    private static String sameBytes(Path original, Path copy) throws RunFailedException {
        try {
            long mismatch = Files.mismatch(original, copy);
            Files.delete(copy);
            if (mismatch >= 0) {
                throw new RunFailedException("the probe file arrived over FTP differing at byte " + mismatch);
            }
            return "passive, anonymous";
        } catch (IOException e) {
            throw new RunFailedException("cannot read the probe file curl received: " + e.getMessage());
        }
    }

    /** One run of {@code c} on {@code served}; round 0 is the warm-up, printed and never counted. */
    private void measure(FileClients clients, ClockTicks ticks, FileServerProcess served, FileCase c, ScratchFiles files,
                         Path logs, int round) {
        FileServer server = served.server();
        out.print("  " + c.label() + ", " + server.label() + ": ");
        out.flush();
        Path output = logs.resolve(server.label() + "-" + c.slug() + "-r" + round + ".txt");
        try {
            OptionalLong before = served.cpuTicks();
            Transfer t = transfer(clients, served, c, files, output);
            OptionalLong after = served.cpuTicks();
            double cpuPerMegabyte = before.isPresent() && after.isPresent()
                    ? ticks.seconds(after.getAsLong() - before.getAsLong()) * 1000 / (t.bytes() / 1e6) : Double.NaN;
            out.println(String.format(Locale.ROOT, "%,.1f MB/s (%,d bytes in %.2f s), server CPU %s", t.megabytesPerSecond(),
                    t.bytes(), t.seconds(), Double.isNaN(cpuPerMegabyte) ? "unknown (its children's times are discarded)"
                            : String.format(Locale.ROOT, "%.3f ms/MB", cpuPerMegabyte)));
            if (round > 0) {
                runs.computeIfAbsent(server, s -> new HashMap<>()).computeIfAbsent(c, k -> new ArrayList<>())
                        .add(t.megabytesPerSecond());
                cpu.computeIfAbsent(server, s -> new HashMap<>()).computeIfAbsent(c, k -> new ArrayList<>())
                        .add(cpuPerMegabyte);
            }
        } catch (RunFailedException e) {
            out.println("FAILED: " + e.getMessage() + " (log: " + output + ")");
            if (round > 0) {
                failures.computeIfAbsent(server, s -> new HashMap<>()).merge(c, 1, Integer::sum);
            }
        }
    }

    private static Transfer transfer(FileClients clients, FileServerProcess served, FileCase c, ScratchFiles files,
                                     Path output) throws RunFailedException {
        return c.protocol() == FileProtocol.TFTP
                ? clients.tftp(served, c, files.served().resolve(c.file()), files.received().resolve(c.file()), output)
                : clients.ftp(served, c, output);
    }

    /** One more run of {@code c} on {@code served} with strace attached to the server: its system calls, or empty. */
    private Optional<TracedTransfer> traced(Launch launch, FileClients clients, FileServerProcess served, FileCase c,
                                            ScratchFiles files, Path logs) {
        FileServer server = served.server();
        out.print("  " + c.label() + ", " + server.label() + ": ");
        out.flush();
        String name = server.label() + "-" + c.slug() + "-strace";
        Path summary = logs.resolve(name + ".txt");
        try {
            Transfer t;
            try (StraceSession strace = StraceSession.attach(children, launch, served.pid(), summary,
                    logs.resolve(name + ".log"))) {
                t = transfer(clients, served, c, files, logs.resolve(name + "-client.txt"));
            }
            TracedTransfer traced = new TracedTransfer(server, c, t.bytes(), SyscallCounts.byName(Logs.text(summary)));
            out.println(String.format(Locale.ROOT, "%,.0f system calls per MB", traced.perMegabyte("total")));
            return Optional.of(traced);
        } catch (RunFailedException e) {
            out.println("FAILED: " + e.getMessage() + " (logs: " + logs.resolve(name) + "*)");
            return Optional.empty();
        }
    }

    /** The first line a program prints about its version, for the report; {@code unknown} if it prints none. */
    private String version(List<String> command, Path logs) {
        Path output = logs.resolve("version.txt");
        try {
            Process process = children.start(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())));
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } finally {
                children.stop(process);
            }
            return Logs.lines(output).stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void deleteQuietly(ScratchFiles files) {
        try {
            files.close();
        } catch (IOException e) {
            System.err.println("compare-files: could not delete " + files.dir() + ": " + e.getMessage());
        }
    }

    private String report(Machine machine, Pinning pinning, Map<String, String> versions, String table) {
        String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        StringBuilder text = new StringBuilder("Results of `" + commandLine + "`, " + when + ": each server started once, each"
                + " case run once as a warm-up, then " + options.rounds() + " time(s), the servers in turn; the table shows"
                + " each server's best run.\n\n" + "Machine: " + machine.host() + "; " + (pinning.enabled() ? "servers on core "
                        + pinning.serverCpu() + ", clients on core " + pinning.loadCpu() : "not pinned (" + pinning.note()
                        + ")") + ".\n");
        versions.forEach((name, version) -> text.append(name).append(": `").append(version).append("`.\n"));
        return text.append('\n').append(table).toString();
    }
}
