package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.socklab.testing.Tools;

/**
 * {@code openssl s_server}, a TLS server in C that nobody here wrote, on a port of 127.0.0.1 the
 * system picks, which it prints, or on a Unix socket; ended by its process when the test closes it.
 */
final class OpensslServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private OpensslServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code openssl s_server} with {@code cert} and {@code key}, and {@code more} arguments (-www, -rev). */
    static OpensslServer start(Path cert, Path key, String... more) throws IOException {
        return start(List.of("-accept", "127.0.0.1:0"), Path.of("."), cert, key, more);
    }

    /** Starts {@code openssl s_server} as {@link #start} does, on the Unix socket {@code path}; its port is 0. */
    static OpensslServer onUnixSocket(Path path, Path cert, Path key, String... more) throws IOException {
        // Named from its own directory: s_server prints the path through getnameinfo, which fails past 31 bytes.
        return start(List.of("-unix", path.getFileName().toString()), path.getParent(), cert, key, more);
    }

    private static OpensslServer start(List<String> listen, Path in, Path cert, Path key, String... more)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Tools.require("openssl"), "s_server"));
        command.addAll(listen);
        command.addAll(List.of("-cert", cert.toAbsolutePath().toString(), "-key", key.toAbsolutePath().toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder said = new StringBuilder();
        // Reads its output to the end, so that it never blocks on a full pipe; the ACCEPT line gives the port.
        Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (!port.isDone()) {
                        said.append(line).append('\n');
                    }
                    if (line.startsWith("ACCEPT ")) {
                        String after = line.substring(line.lastIndexOf(':') + 1);
                        port.complete(after.chars().allMatch(Character::isDigit) ? Integer.parseInt(after) : 0);
                    }
                }
                port.completeExceptionally(new IOException("openssl s_server ended without accepting: " + said));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        try {
            return new OpensslServer(process, port.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("openssl s_server did not start: " + e, e);
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
