package dev.socklab.benchmarks.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The servers of the RPC comparison, each on free ports of 127.0.0.1 and the server's core:
 * socklab serving rpc (JSON-RPC over TCP), http ({@code /jsonrpc}, {@code /RPC2}) and echo (the
 * latency baseline) in one process, and Python's, from {@code benchmarks/python/rpc_servers.py},
 * one process each.
 */
enum RpcServer {
    /** socklab's rpc, http and echo services, on its default I/O engine. */
    SOCKLAB("socklab", null, 3),
    /** Python's {@code SimpleXMLRPCServer} with {@code ThreadingMixIn}: XML-RPC at {@code /RPC2}. */
    PYTHON_XMLRPC("python-xmlrpc", "xmlrpc", 1),
    /** A threading {@code socketserver} speaking JSON-RPC 2.0 a line each over TCP. */
    PYTHON_JSONRPC_TCP("python-jsonrpc-tcp", "jsonrpc-tcp", 1),
    /** A threading {@code http.server} speaking JSON-RPC 2.0 at {@code POST /jsonrpc}. */
    PYTHON_JSONRPC_HTTP("python-jsonrpc-http", "jsonrpc-http", 1);

    /** Debian's Python, with its standard library alone. */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The Python servers, in the checkout. */
    static final String SCRIPT = "benchmarks/python/rpc_servers.py";

    private final String label;
    private final String kind;
    private final int ports;

    RpcServer(String label, String kind, int ports) {
        this.label = label;
        this.kind = kind;
        this.ports = ports;
    }

    /** The name on the command line and in the table. */
    String label() {
        return label;
    }

    /** How many ports it listens on: socklab's rpc, http and echo; one for each Python server. */
    int ports() {
        return ports;
    }

    /** Why it cannot run here, if it cannot: no socklab build, no Python. */
    Optional<String> missing(Launch launch) {
        if (this == SOCKLAB) {
            return Files.isRegularFile(launch.socklab()) ? Optional.empty()
                    : Optional.of("socklab is not built: run ./socklab --version");
        }
        if (!Files.isExecutable(PYTHON)) {
            return Optional.of(label + " needs " + PYTHON + " (apt-get install python3)");
        }
        return Files.isRegularFile(launch.root().resolve(SCRIPT)) ? Optional.empty()
                : Optional.of(label + " needs " + SCRIPT + ", which this checkout lacks");
    }

    /** The command that serves on {@code ports} (as many as {@link #ports()}), pinned to the server's core. */
    List<String> command(Launch launch, List<Integer> ports) {
        if (this == SOCKLAB) {
            return launch.socklabServer(List.of("serve", "rpc:" + ports.get(0) + "/tcp", "http:" + ports.get(1) + "/tcp",
                    "echo:" + ports.get(2) + "/tcp", "--bind", Launch.HOST));
        }
        List<String> command = new ArrayList<>(launch.pinning().server());
        command.addAll(List.of(PYTHON.toString(), SCRIPT, kind, Integer.toString(ports.getFirst())));
        return command;
    }
}
