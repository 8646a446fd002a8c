package dev.socklab.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.socklab.testing.LabProgram;
import dev.socklab.testing.Tools;

/**
 * An RPC server in Python, one of this package's test resources, run by Debian's
 * {@code /usr/bin/python3} (which has {@code xmlrpc.server} and jsonrpclib) on 127.0.0.1. It
 * prints its ports on its first line, and ends itself after two minutes or when this JVM goes
 * away; close ends it by PID.
 */
final class RpcPythonServer implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Duration START = Duration.ofSeconds(10);

    private final LabProgram program;
    private final List<Integer> ports;

    private RpcPythonServer(LabProgram program, List<Integer> ports) {
        this.program = program;
        this.ports = ports;
    }

    /** Starts the resource {@code script}, copied into {@code dir}, and waits for its ports. */
    static RpcPythonServer start(String script, Path dir) throws IOException {
        Tools.require(PYTHON);
        Path file = dir.resolve(script);
        try (InputStream in = RpcPythonServer.class.getResourceAsStream(script)) {
            Files.copy(in, file);
        }
        LabProgram program = LabProgram.start(List.of(PYTHON.toString(), "-u", file.toString()));
        try {
            String line = program.readLine(START);
            if (line == null || !line.matches("\\d+( \\d+)*")) {
                throw new IOException(script + " did not start: " + line);
            }
            return new RpcPythonServer(program, Arrays.stream(line.split(" ")).map(Integer::valueOf).toList());
        } catch (IOException | RuntimeException | AssertionError e) {
            program.close();
            throw e;
        }
    }

    /** The port it printed {@code index}th, at 127.0.0.1. */
    int port(int index) {
        return ports.get(index);
    }

    @Override
    public void close() {
        program.close();
    }
}
