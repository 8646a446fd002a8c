package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clients that measure every server alike, pinned to the load's core: atftp for TFTP (it asks
 * for {@code blksize} and {@code windowsize}; curl asks for no window), curl for FTP. Each run has a
 * time limit, and what arrives is checked: a TFTP file byte for byte, an FTP download by its size.
 */
final class FileClients {
    /** What a run may take beyond its bytes at 1 MB/s: a slow start on a busy machine. */
    private static final Duration GRACE = Duration.ofSeconds(60);
    /** atftp's trace of the server's answer: {@code received OACK <tsize: 3000, windowsize: 16, blksize: 1468, >}. */
    private static final Pattern OACK = Pattern.compile("(?m)^received OACK <(.*)>\\s*$");
    private static final Pattern OPTION = Pattern.compile("(\\w+): (\\w+)");
    /** curl's {@code -w '%{size_download} %{speed_download}'}: bytes, then bytes a second. */
    private static final Pattern CURL = Pattern.compile("(?m)^(\\d+) ([\\d.]+)\\s*$");

    private final Children children;
    private final Launch launch;

    FileClients(Children children, Launch launch) {
        this.children = children;
        this.launch = launch;
    }

    /**
     * Reads {@code c}'s file from {@code server} into {@code received}, checks it against
     * {@code original}, deletes it, and returns how long it took; the output of the client goes to {@code output}.
     */
    Transfer tftp(FileServerProcess server, FileCase c, Path original, Path received, Path output)
            throws RunFailedException {
        long start = System.nanoTime();
        run(atftp(server.tftpPort(), c.windowSize(), c.file(), received, false), output, limit(c.bytes()));
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            long mismatch = Files.mismatch(original, received);
            if (mismatch >= 0) {
                throw new RunFailedException("atftp received a file that differs from the original at byte " + mismatch
                        + " (" + Files.size(received) + " of " + Files.size(original) + " bytes arrived)");
            }
            return new Transfer(Files.size(received), seconds);
        } catch (IOException e) {
            throw new RunFailedException("cannot read what atftp received: " + e.getMessage());
        } finally {
            deleteQuietly(received);
        }
    }

    /**
     * What {@code server} answers to atftp's options at {@code windowSize}, read from atftp's trace
     * of a transfer of {@code probe}: {@code blksize 1468, windowsize 16}, or the option it left out.
     */
    String negotiated(FileServerProcess server, int windowSize, String probe, Path received, Path output)
            throws RunFailedException {
        try {
            return describe(run(atftp(server.tftpPort(), windowSize, probe, received, true), output, limit(0)));
        } finally {
            deleteQuietly(received);
        }
    }

    /** Reads {@code c}'s file from {@code server} with curl, to /dev/null, as curl timed it and counted its bytes. */
    Transfer ftp(FileServerProcess server, FileCase c, Path output) throws RunFailedException {
        Transfer t = curl(server.ftpPort(), c.file(), Path.of("/dev/null"), output, limit(c.bytes()));
        if (t.bytes() != c.bytes()) {
            throw new RunFailedException("curl received " + t.bytes() + " of the file's " + c.bytes() + " bytes");
        }
        return t;
    }

    /** Reads {@code name} from {@code server} with curl into {@code received}: the check that FTP serves the file's bytes. */
    void ftpCopy(FileServerProcess server, String name, Path received, Path output) throws RunFailedException {
        curl(server.ftpPort(), name, received, output, limit(0));
    }

    /** The options a server acknowledged, from atftp's trace; those it left out say what the transfer used instead. */
    static String describe(String trace) {
        Matcher m = OACK.matcher(trace);
        if (!m.find()) {
            return "no OACK: blksize 512, windowsize 1";
        }
        Map<String, String> options = new LinkedHashMap<>();
        Matcher o = OPTION.matcher(m.group(1));
        while (o.find()) {
            options.put(o.group(1).toLowerCase(Locale.ROOT), o.group(2));
        }
        return "blksize " + options.getOrDefault("blksize", "512 (not acknowledged)") + ", windowsize "
                + options.getOrDefault("windowsize", "1 (not acknowledged)");
    }

    /** curl's {@code -w} line: the bytes it received and its average speed, over the time that took. */
    static Transfer parseCurl(String output) throws RunFailedException {
        Matcher m = CURL.matcher(output);
        if (!m.find()) {
            throw new RunFailedException("curl printed no size and speed: " + output.strip());
        }
        long bytes = Long.parseLong(m.group(1));
        double perSecond = Double.parseDouble(m.group(2));
        if (perSecond <= 0) {
            throw new RunFailedException("curl reported no speed for " + bytes + " bytes");
        }
        return new Transfer(bytes, bytes / perSecond);
    }

    private List<String> atftp(int port, int windowSize, String remote, Path local, boolean trace) {
        List<String> command = new ArrayList<>(launch.pinning().load());
        command.addAll(List.of("atftp", "--option", "blksize " + FileCase.BLOCK_SIZE, "--option", "windowsize " + windowSize));
        if (trace) {
            command.add("--trace");
        }
        command.addAll(List.of("--get", "--remote-file", remote, "--local-file", local.toString(), Launch.HOST,
                Integer.toString(port)));
        return command;
    }

    private Transfer curl(int port, String remote, Path local, Path output, Duration limit) throws RunFailedException {
        List<String> command = new ArrayList<>(launch.pinning().load());
        // curl logs in as anonymous; --max-time bounds the run on curl's side too.
        command.addAll(List.of("curl", "--silent", "--show-error", "--max-time", Long.toString(limit.toSeconds()),
                "--output", local.toString(), "--write-out", "%{size_download} %{speed_download}\\n",
                "ftp://" + Launch.HOST + ":" + port + "/" + remote));
        return parseCurl(run(command, output, limit));
    }

    /** Time for a transfer of {@code bytes}: at 1 MB/s, plus the grace. */
    private static Duration limit(long bytes) {
        return GRACE.plusSeconds(bytes / 1_000_000);
    }

    /** Runs {@code command} to its end within {@code limit}, its output to {@code output}; returns that output if it exits 0. */
    private String run(List<String> command, Path output, Duration limit) throws RunFailedException {
        String name = command.get(launch.pinning().load().size());
        Process process;
        try {
            process = children.start(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())));
        } catch (IOException e) {
            throw new RunFailedException("cannot start " + name + ": " + e.getMessage());
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RunFailedException(name + " did not finish within " + limit.toSeconds() + " s: " + Logs.tail(output));
            }
            if (process.exitValue() != 0) {
                throw new RunFailedException(name + " exited with " + process.exitValue() + ": " + Logs.tail(output));
            }
            return Logs.text(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted during the run");
        } finally {
            children.stop(process);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the scratch directory goes at the end in any case
        }
    }
}
