package dev.socklab.benchmarks.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A row of the RPC comparison: a server, the protocol and transport its calls take, and the port
 * of the server's they go to; each run by {@code socklab bench} at the same concurrency. socklab's
 * echo ping-pong is the latency baseline of its RPC rows, and each Python row the calls-a-second
 * baseline of the socklab row of its protocol and transport.
 */
enum RpcCase {
    SOCKLAB_JSON_TCP(RpcServer.SOCKLAB, "JSON-RPC over TCP", 0, List.of("rpc")),
    SOCKLAB_JSON_HTTP(RpcServer.SOCKLAB, "JSON-RPC over HTTP", 1, List.of("rpc", "--transport", "http")),
    SOCKLAB_XML_HTTP(RpcServer.SOCKLAB, "XML-RPC over HTTP", 1, List.of("rpc", "--transport", "http", "--xml")),
    SOCKLAB_ECHO(RpcServer.SOCKLAB, "echo ping-pong over TCP", 2, List.of("pingpong")),
    PYTHON_JSON_TCP(RpcServer.PYTHON_JSONRPC_TCP, "JSON-RPC over TCP", 0, List.of("rpc")),
    PYTHON_JSON_HTTP(RpcServer.PYTHON_JSONRPC_HTTP, "JSON-RPC over HTTP", 0, List.of("rpc", "--transport", "http")),
    PYTHON_XML_HTTP(RpcServer.PYTHON_XMLRPC, "XML-RPC over HTTP", 0, List.of("rpc", "--transport", "http", "--xml"));

    private final RpcServer server;
    private final String call;
    private final int listener;
    private final List<String> workload;

    RpcCase(RpcServer server, String call, int listener, List<String> workload) {
        this.server = server;
        this.call = call;
        this.listener = listener;
        this.workload = workload;
    }

    RpcServer server() {
        return server;
    }

    /** The protocol and transport, such as {@code JSON-RPC over TCP}. */
    String call() {
        return call;
    }

    /** Which of the server's ports the calls go to. */
    int listener() {
        return listener;
    }

    /** Whether this is socklab's echo, the latency baseline. */
    boolean baseline() {
        return this == SOCKLAB_ECHO;
    }

    /** The cases {@code server} serves, in order. */
    static List<RpcCase> of(RpcServer server) {
        return Arrays.stream(values()).filter(c -> c.server == server).toList();
    }

    /** For a socklab RPC row, the Python row of its protocol and transport, whose calls a second it must beat tenfold. */
    Optional<RpcCase> python() {
        if (server != RpcServer.SOCKLAB || baseline()) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(c -> c.server != RpcServer.SOCKLAB && c.call.equals(call)).findFirst();
    }

    /**
     * The arguments of {@code socklab bench} for this row against {@code port}: the workload, the
     * server, the concurrency, the call's size (rpc rows), the times, and JSON out.
     */
    List<String> bench(int port, int connections, int size, String duration, String warmup) {
        List<String> args = new ArrayList<>(List.of("bench", workload.getFirst(), Launch.HOST, Integer.toString(port)));
        args.addAll(workload.subList(1, workload.size()));
        args.addAll(List.of("--connections", Integer.toString(connections), "--duration", duration, "--warmup", warmup,
                "--json"));
        if (!baseline()) {
            args.addAll(List.of("--size", Integer.toString(size)));
        }
        return args;
    }
}
