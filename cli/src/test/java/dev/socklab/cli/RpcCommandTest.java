package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.client.RpcUrl;
import dev.socklab.net.Host;
import dev.socklab.rpc.JsonRpc;
import dev.socklab.rpc.JsonRpcService;
import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.Param;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/**
 * {@code socklab rpc} in this JVM: its output, its errors and its exit codes, against a Python
 * program that serves JSON-RPC over TCP (one JSON text a line) and, with Python's own
 * {@code SimpleXMLRPCServer}, XML-RPC over HTTP, started once for the class.
 */
@Timeout(30)
class RpcCommandTest {
    private static final String SERVERS = """
            import json, os, signal, socket, sys, threading
            from xmlrpc.server import SimpleXMLRPCServer, SimpleXMLRPCRequestHandler
            import xmlrpc.client
            signal.alarm(120)
            threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()

            def add(a, b):
                \"""Adds two numbers.\"""
                return a + b

            def echo(value):
                return value

            def blob():
                return xmlrpc.client.Binary(b"\\x00\\x01\\xfe\\xff")

            METHODS = {"add": add, "echo": echo}

            def answer(req):
                m, p, i = req["method"], req.get("params", []), req.get("id")
                if m == "fail":
                    return {"jsonrpc": "2.0", "id": i,
                            "error": {"code": -32000, "message": "it failed", "data": {"why": "asked to"}}}
                if m == "silent":
                    return None
                if m == "system.listMethods":
                    r = sorted(METHODS)
                elif m == "system.methodSignature":
                    r = [["int", "int", "int"]] if p[0] == "add" else "signatures not supported"
                elif m == "system.methodHelp":
                    r = METHODS[p[0]].__doc__ or ""
                elif m in METHODS:
                    r = METHODS[m](**p) if isinstance(p, dict) else METHODS[m](*p)
                else:
                    return {"jsonrpc": "2.0", "id": i, "error": {"code": -32601, "message": "no method called " + m}}
                return {"jsonrpc": "2.0", "id": i, "result": r}

            def lines(c):
                with c, c.makefile("rb") as f:
                    for line in f:
                        r = answer(json.loads(line))
                        if r is not None:
                            c.sendall((json.dumps(r) + "\\n").encode())

            def serve_lines(s):
                while True:
                    c, _ = s.accept()
                    threading.Thread(target=lines, args=(c,), daemon=True).start()

            class Quiet(SimpleXMLRPCRequestHandler):
                def log_message(self, *args):
                    pass

            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            s.listen()
            threading.Thread(target=serve_lines, args=(s,), daemon=True).start()
            x = SimpleXMLRPCServer(("127.0.0.1", 0), requestHandler=Quiet, allow_none=True, logRequests=False)
            x.register_introspection_functions()
            for f in (add, echo, blob):
                x.register_function(f)
            print(s.getsockname()[1], x.server_address[1], flush=True)
            x.serve_forever()
            """;
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path dir;

    private static LabProgram servers;
    @RegisterExtension
    final ServerUnderTest socklab = new ServerUnderTest();
    private static String tcp;
    private static String xml;

    @BeforeAll
    static void start() throws IOException {
        Tools.require(PYTHON);
        Path script = Files.writeString(dir.resolve("servers.py"), SERVERS);
        servers = LabProgram.start(List.of(PYTHON.toString(), "-u", script.toString()));
        String[] ports = servers.readLine(Duration.ofSeconds(10)).strip().split(" ");
        tcp = "tcp://127.0.0.1:" + ports[0];
        xml = "http://127.0.0.1:" + ports[1];
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void theResultIsPrintedAsJson() {
        assertThat(run(tcp, "add", "2", "3").out()).isEqualTo("5\n");
        assertThat(run(tcp, "echo", "{\"a\":[1,2],\"b\":\"x\"}").out())
                .isEqualTo("{\n  \"a\" : [ 1, 2 ],\n  \"b\" : \"x\"\n}\n");
    }

    @Test
    void aWordThatIsNoJsonIsAString() {
        assertThat(run(tcp, "echo", "10.0.0.1").out()).isEqualTo("\"10.0.0.1\"\n");
        assertThat(run(tcp, "echo", "\"true\"").out()).isEqualTo("\"true\"\n");
        assertThat(run(tcp, "echo", "true").out()).isEqualTo("true\n");
    }

    @Test
    void onATerminalTheServersInvisibleCharactersAreShown() {
        assertThat(CommandRun.printingAsTo(true, "rpc", tcp, "echo", "\"a\u202Eb\"").out()).isEqualTo("\"a<U+202E>b\"\n");
        assertThat(CommandRun.printingAsTo(false, "rpc", tcp, "echo", "\"a\u202Eb\"").out()).isEqualTo("\"a\u202Eb\"\n");
    }

    @Test
    void theServerMayBeHostAndPort() {
        String port = tcp.substring(tcp.lastIndexOf(':') + 1);

        assertThat(run("127.0.0.1", port, "add", "2", "3").out()).isEqualTo("5\n");
    }

    @Test
    void namedArgumentsGoAsAnObject() {
        assertThat(run("--named", tcp, "add", "a=2", "b=40").out()).isEqualTo("42\n");
    }

    @Test
    void aNegativeNumberFollowsTheEndOfOptions() {
        assertThat(run(tcp, "add", "--", "-2", "3").out()).isEqualTo("1\n");
    }

    @Test
    void anRpcErrorPrintsItsCodeMessageAndDataAndExitsSix() {
        CommandRun run = run(tcp, "fail");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER_REFUSED.code);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error -32000: it failed\n{\"why\":\"asked to\"}\n");
        assertThat(run(tcp, "nope").err()).isEqualTo("error -32601: no method called nope\n");
    }

    @Test
    void xmlRpcIsCalledAtRpc2AndItsBase64PrintsAsText() {
        assertThat(run(xml + "/RPC2", "add", "2", "3").out()).isEqualTo("5\n");
        assertThat(run("--xml", xml, "blob").out()).as("--xml with no path calls /RPC2").isEqualTo("\"AAH+/w==\"\n");
    }

    @Test
    void aValueXmlRpcCannotCarryIsAUsageError() {
        CommandRun.of("rpc", xml + "/RPC2", "echo", "123456789012345678901234567890")
                .failedWith(ExitCode.USAGE, "an argument cannot go in XML-RPC");
    }

    @Test
    void listShowsEachMethodWithItsSignatureAndHelp() {
        assertThat(run("--list", tcp).out()).isEqualTo("add(int, int) -> int\n    Adds two numbers.\necho(...)\n");
        assertThat(run("--list", xml + "/RPC2").out()).as("Python's server: no signatures, help where there is")
                .contains("add(...)\n    Adds two numbers.\n", "echo(...)\n", "system.listMethods(...)\n");
    }

    @Test
    void socklabsOwnServerListsItsMethodsWithTheirTypesOverAUnixSocket() {
        Param<Integer> a = Param.of("a", int.class);
        Param<Integer> b = Param.of("b", int.class);
        MethodTable table = new MethodTable().add("add", "Adds two integers.", int.class, List.of(a, b),
                (args, context) -> args.get(a) + args.get(b));
        Endpoint at = socklab.stream("rpc", new JsonRpcService(new JsonRpc(table, RpcLimits.DEFAULTS)),
                StreamTransport.UNIX.endpoint(dir));
        String unix = "unix:" + at.address();

        assertThat(run(unix, "add", "2", "3").out()).isEqualTo("5\n");
        assertThat(run("--list", unix).out()).startsWith("add(int, int) -> int\n    Adds two integers.\n")
                .contains("system.methodHelp(string) -> string\n    Says what a method does.\n");
        assertThat(run("--list", "--unix", at.address().toString()).out()).startsWith("add(int, int) -> int\n");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeExitsFive() {
        CommandRun.of("rpc", "--timeout", "300ms", tcp, "silent").failedWith(ExitCode.NO_ANSWER, "no answer within 300ms");
    }

    @Test
    void aServerThatIsNotThereExitsFour() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        CommandRun.of("rpc", "tcp://127.0.0.1:" + port, "add", "1", "2").failedWith(ExitCode.NETWORK, "refused");
    }

    @Test
    void mistakesAreUsageErrors() {
        CommandRun.of("rpc").failedWith(ExitCode.USAGE, "name the method to call");
        CommandRun.of("rpc", "echo", "[1,").failedWith(ExitCode.USAGE, "the argument [1, is not valid JSON");
        CommandRun.of("rpc", "--xml", "tcp://localhost", "add").failedWith(ExitCode.USAGE, "XML-RPC runs over HTTP");
        CommandRun.of("rpc", "--named", "http://localhost/RPC2", "add", "a=1").failedWith(ExitCode.USAGE,
                "XML-RPC's parameters have no names");
        CommandRun.of("rpc", "--named", "add", "2").failedWith(ExitCode.USAGE, "NAME=VALUE");
        CommandRun.of("rpc", "--xml", "--json", "http://localhost/", "add").failedWith(ExitCode.USAGE, "give one");
        CommandRun.of("rpc", "--list", "tcp://localhost", "add").failedWith(ExitCode.USAGE, "the server alone");
        CommandRun.of("rpc", "--udp", "add").failedWith(ExitCode.USAGE, "not UDP");
        CommandRun.of("rpc", "ftp://localhost/", "add").failedWith(ExitCode.USAGE, "not ftp://");
        CommandRun.of("rpc", "echo", "1e400").failedWith(ExitCode.USAGE, "beyond the range of a double");
    }

    @Test
    void theServerIsHostAndPortOnlyWhenTheThirdWordIsNoJson() {
        assertThat(RpcCommandLine.of(List.of("add", "2", "3"), false, false))
                .isEqualTo(new RpcCommandLine(localhost(RpcCommand.DEFAULT_PORT), "add", List.of("2", "3")));
        assertThat(RpcCommandLine.of(List.of("localhost", "4000", "add", "2"), false, false))
                .isEqualTo(new RpcCommandLine(localhost(4000), "add", List.of("2")));
        assertThat(RpcCommandLine.of(List.of("localhost", "4000"), true, false))
                .isEqualTo(new RpcCommandLine(localhost(4000), null, List.of()));
    }

    private static RpcUrl localhost(int port) {
        return new RpcUrl.Tcp(Host.parse("localhost"), port);
    }

    private static CommandRun run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "rpc";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandRun.printingAsTo(false, all);
    }
}
