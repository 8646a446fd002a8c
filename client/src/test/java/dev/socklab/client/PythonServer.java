package dev.socklab.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A greeting server written the lab's way in Python 3, run as a child process on 127.0.0.1 and an
 * ephemeral port. It stops when closed, when this JVM goes away (its standard input closes), or
 * after two minutes, whichever comes first, so that no test leaves one behind.
 */
final class PythonServer implements AutoCloseable {
    /** Lets the server end itself: on EOF on stdin (the JVM is gone) or after 120 s. */
    private static final String WATCHDOG = """
            import os, signal, sys, threading
            signal.alarm(120)
            threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
            """;

    static final String TCP = WATCHDOG + """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            while True:
                c, a = s.accept()
                c.send(b"Hello World!")
                c.close()
            """;

    static final String UDP = WATCHDOG + """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", 0))
            print(s.getsockname()[1], flush=True)
            while True:
                data, addr = s.recvfrom(1024)
                s.sendto(b"Hello World!", addr)
            """;

    /**
     * A TLS server, with the certificate and key files given to {@code formatted}, that reads each
     * connection to its end and prints how it ended: {@code clean} after the client's
     * close_notify, {@code truncated} at a TCP end without one (Python's {@code SSLEOFError}). A
     * connection whose first bytes are {@code reset} is reset instead.
     */
    static final String TLS_END = WATCHDOG + """
            import socket, ssl, struct
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain("%s", "%s")
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            while True:
                c, a = s.accept()
                try:
                    t = context.wrap_socket(c, server_side=True, suppress_ragged_eofs=False)
                except OSError as e:
                    print("failed", e, flush=True)
                    continue
                try:
                    if t.recv(4096) == b"reset":
                        t.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        t.close()
                        continue
                    while t.recv(4096):
                        pass
                    print("clean", flush=True)
                except ssl.SSLEOFError:
                    print("truncated", flush=True)
                except OSError as e:
                    print("failed", e, flush=True)
                t.close()
            """;

    private final Process process;
    private final BufferedReader out;
    private final int port;

    private PythonServer(Process process, BufferedReader out, int port) {
        this.process = process;
        this.out = out;
        this.port = port;
    }

    /** Writes {@code script} to a file in {@code dir}, starts it, and waits up to 10 s for the port it prints. */
    static PythonServer start(String script, Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("server.py"), script);
        Process process = new ProcessBuilder("python3", "-u", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(10, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("the Python server exited before printing its port");
            }
            return new PythonServer(process, out, Integer.parseInt(line.strip()));
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            throw new IOException("the Python server did not start", e);
        }
    }

    /** The port the server is listening on, at 127.0.0.1. */
    int port() {
        return port;
    }

    /** The next line the server prints after its port, waiting up to 10 s for it. */
    String nextLine() throws Exception {
        return CompletableFuture.supplyAsync(() -> readLine(out)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
