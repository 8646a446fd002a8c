package dev.socklab.services.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.rpc.RpcLimits;
import dev.socklab.rpc.XmlRpc;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.testing.Tools;

/**
 * {@code POST /RPC2} against XML-RPC clients nobody here wrote, each run once: Python's
 * {@code xmlrpc.client} as the lab writes it, {@code xml-rpc-api2txt} walking the introspection
 * (through system.multicall), and Perl's XMLRPC::Lite.
 */
@Timeout(60)
class XmlRpcInteropTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** The test methods at {@code /RPC2} of an http service on a port of its own: its URL. */
    private String serve(RpcLimits limits) {
        XmlRpc rpc = new XmlRpc(TestMethods.table(), limits);
        InetSocketAddress bound = (InetSocketAddress) servers.stream("http",
                new HttpService(HttpSettings.defaults(), new Router().exact("/RPC2", new XmlRpcRoute(rpc))),
                StreamTransport.TCP_IPV4.endpoint(dir)).address();
        return "http://127.0.0.1:" + bound.getPort() + "/RPC2";
    }

    private static String run(String... command) throws Exception {
        try (LabProgram program = LabProgram.start(List.of(command))) {
            String out = program.outputUntilExit(Duration.ofSeconds(45));
            assertThat(program.exitCode()).as("%s exits 0; it printed:%n%s", command[0], out).isZero();
            return out;
        }
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(XmlRpcInteropTest.class.getResource(name).toURI()).toString();
    }

    @Test
    void pythonsServerProxyCallsIntrospectsMulticallsAndRoundTripsEveryType() throws Exception {
        String python = Tools.require(Path.of("/usr/bin/python3"));
        String url = serve(RpcLimits.DEFAULTS);
        String allowingNone = serve(RpcLimits.DEFAULTS.withAllowNone(true).withDeadline(Duration.ofSeconds(1)));

        String out = run(python, "-u", resource("xmlrpc_lab.py"), url, allowingNone);

        assertThat(out).contains("methods ['add', 'echo', 'nothing', 'peer.port', 'sleep', 'system.listMethods', "
                + "'system.methodHelp', 'system.methodSignature', 'system.multicall']",
                "help add: Adds two integers.", "signature add: [['int', 'int', 'int']]", "add 5",
                "multicall 0: 3", "multicall 1: fault -32601 no method called nope", "multicall 2: after the fault",
                "fault wrong params: -32602 add's parameter b is int, not \"two\"",
                "fault unknown method: -32601 no method called nope",
                "none refused: -32603 cannot marshal None unless allow_none is enabled",
                "deadline: -32000 sleep did not answer within",
                "connections for 50 calls: 1",
                "too large: ProtocolError 413 Content Too Large",
                "after too large: 42");
        assertThat(out).doesNotContain("FAILED");
        for (String checked : List.of("int", "smallest int", "true", "false", "string", "empty string", "double",
                "large double", "DateTime", "Binary", "dict", "list", "empty list", "datetime", "bytes", "None")) {
            assertThat(out).contains("check echo " + checked + " ok");
        }
        assertThat(out).contains("check nothing ok", "check None in a list ok");
    }

    @Test
    void xmlRpcApi2TxtListsEveryMethodWithItsSignatureAndHelp() throws Exception {
        String tool = Tools.require("xml-rpc-api2txt");

        String out = run(tool, serve(RpcLimits.DEFAULTS));

        assertThat(out).contains("int add (int, int)", "Adds two integers.", "any echo (any)",
                "Answers with its argument.", "nil nothing ()", "int peer.port ()", "int sleep (int)",
                "array system.listMethods ()", "string system.methodHelp (string)",
                "array system.methodSignature (string)", "array system.multicall (array)", "Calls each");
    }

    @Test
    void perlsXmlRpcLiteGetsAResultAStructAndAFault() throws Exception {
        String perl = Tools.require("perl");
        Tools.require(Path.of("/usr/share/perl5/XMLRPC/Lite.pm"));

        String out = run(perl, resource("xmlrpc_lite.pl"), serve(RpcLimits.DEFAULTS));

        assertThat(out).contains("add: 5", "echo: name=lab,ports=7+13", "fault: -32601 no method called nope");
    }
}
