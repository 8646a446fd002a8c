package dev.socklab.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@link XmlRpc}'s answers in memory: calls, introspection and multicall as Python's client sends
 * them, and each request the server must refuse with a fault rather than obey: unknown methods,
 * wrong arguments, DTDs and entities of every kind, nesting past the limit, a call past its deadline.
 */
class XmlRpcTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Logger LOG = LoggerFactory.getLogger(XmlRpcTest.class);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    private static final Param<JsonNode> VALUE = Param.of("value", JsonNode.class);
    private static final Param<Integer> A = Param.of("a", int.class);
    private static final Param<Integer> B = Param.of("b", int.class);
    private static final Param<Long> MILLISECONDS = Param.of("milliseconds", long.class);

    private static MethodTable table() {
        return new MethodTable()
                .add("echo", "Answers with its argument.", JsonNode.class, List.of(VALUE),
                        (args, context) -> args.get(VALUE))
                .add("add", "Adds two integers.", int.class, List.of(A, B),
                        (args, context) -> args.get(A) + args.get(B))
                .add("sleep", "Sleeps, then answers with the time slept.", long.class, List.of(MILLISECONDS),
                        (args, context) -> {
                            Thread.sleep(args.get(MILLISECONDS));
                            return args.get(MILLISECONDS);
                        })
                .add("nothing", "Answers with nothing.", void.class, List.of(), (args, context) -> null)
                .add("big", "Answers with five billion.", long.class, List.of(), (args, context) -> 5_000_000_000L);
    }

    private static final XmlRpc RPC = new XmlRpc(table(), RpcLimits.DEFAULTS);

    @Test
    void aCallIsAnsweredWithItsResult() throws Exception {
        assertThat(result(RPC, call("add", "<int>2</int>", "<i4>3</i4>"))).isEqualTo(NODES.numberNode(5));
    }

    @Test
    void everyTypeComesBackFromEchoAsItWent() throws Exception {
        for (String value : List.of("<int>-5</int>", "<boolean>0</boolean>", "<string>&lt;é&gt;</string>",
                "untyped", "<double>2.5</double>", "<dateTime.iso8601>20261206T22:45:00</dateTime.iso8601>",
                "<base64>AAEC/w==</base64>", "<struct><member><name>k</name><value><int>1</int></value></member></struct>",
                "<array><data><value><string>a</string></value><value><array><data/></array></value></data></array>")) {
            byte[] request = call("echo", value);
            JsonNode sent = XmlRpcReader.readCall(request, 64).params().get(0);
            assertThat(result(RPC, request)).as(value).isEqualTo(sent);
        }
        assertThat(result(RPC, call("echo", "<dateTime.iso8601>20261206T22:45:00</dateTime.iso8601>")))
                .isEqualTo(NODES.pojoNode(LocalDateTime.of(2026, 12, 6, 22, 45)));
    }

    @Test
    void introspectionListsDescribesAndSignsEveryMethodAndMulticallToo() throws Exception {
        assertThat(result(RPC, call("system.listMethods"))).containsExactly(NODES.stringNode("add"),
                NODES.stringNode("big"), NODES.stringNode("echo"), NODES.stringNode("nothing"),
                NODES.stringNode("sleep"), NODES.stringNode("system.listMethods"),
                NODES.stringNode("system.methodHelp"), NODES.stringNode("system.methodSignature"),
                NODES.stringNode("system.multicall"));
        assertThat(result(RPC, call("system.methodHelp", "<string>add</string>")).stringValue())
                .isEqualTo("Adds two integers.");
        assertThat(result(RPC, call("system.methodSignature", "<string>add</string>")).toString())
                .isEqualTo("[[\"int\",\"int\",\"int\"]]");
        assertThat(result(RPC, call("system.methodHelp", "<string>system.multicall</string>")).stringValue())
                .contains("methodName");
        assertThat(result(RPC, call("system.methodSignature", "<string>system.multicall</string>")).toString())
                .isEqualTo("[[\"array\",\"array\"]]");
    }

    @Test
    void multicallAnswersEachCallAndAFailureInTheMiddleLeavesTheOthersStanding() throws Exception {
        JsonNode answers = result(RPC, call("system.multicall", "<array><data>"
                + multicallEntry("add", "<int>2</int>", "<int>3</int>")
                + multicallEntry("nope")
                + multicallEntry("add", "<string>two</string>", "<int>3</int>")
                + multicallEntry("system.multicall", "<array><data/></array>")
                + multicallEntry("nothing")
                + "<value><string>not a struct</string></value>"
                + multicallEntry("echo", "<string>last</string>")
                + "</data></array>"));

        assertThat(answers).hasSize(7);
        assertThat(answers.get(0)).isEqualTo(NODES.arrayNode().add(5));
        assertThat(answers.get(1).get("faultCode").intValue()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
        assertThat(answers.get(1).get("faultString").stringValue()).isEqualTo("no method called nope");
        assertThat(answers.get(2).get("faultCode").intValue()).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(answers.get(3).get("faultCode").intValue()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(answers.get(4).get("faultString").stringValue()).contains("allow_none");
        assertThat(answers.get(5).get("faultCode").intValue()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(answers.get(6)).isEqualTo(NODES.arrayNode().add("last"));
    }

    @Test
    void multicallTakesOneArrayOfAtMostTheBatchLimitsCalls() {
        XmlRpc small = new XmlRpc(table(), new RpcLimits(1 << 20, 2, 64, Duration.ofSeconds(10), false));
        String three = "<array><data>" + multicallEntry("nothing").repeat(3) + "</data></array>";

        assertFault(small, call("system.multicall", three), ErrorCodes.LIMIT_EXCEEDED, "more than the 2");
        assertFault(RPC, call("system.multicall", "<string>x</string>"), ErrorCodes.INVALID_PARAMS, "one array");
        assertFault(RPC, call("system.multicall"), ErrorCodes.INVALID_PARAMS, "one array");
    }

    @Test
    void anUnknownMethodAndWrongArgumentsAreFaultsWithTheirCodes() {
        assertFault(RPC, call("nope"), ErrorCodes.METHOD_NOT_FOUND, "no method called nope");
        assertFault(RPC, call("add", "<int>1</int>"), ErrorCodes.INVALID_PARAMS, "takes 2 arguments");
        assertFault(RPC, call("add", "<string>1</string>", "<int>2</int>"), ErrorCodes.INVALID_PARAMS, "int");
        assertFault(RPC, call("add", "<double>1.5</double>", "<int>2</int>"), ErrorCodes.INVALID_PARAMS, "int");
    }

    @Test
    void nilIsAnsweredOnlyWhereItIsAllowed() throws Exception {
        assertFault(RPC, call("nothing"), ErrorCodes.INTERNAL_ERROR,
                "cannot marshal None unless allow_none is enabled");
        XmlRpc allowing = new XmlRpc(table(), RpcLimits.DEFAULTS.withAllowNone(true));
        assertThat(result(allowing, call("nothing"))).isEqualTo(NODES.nullNode());
        assertThat(result(allowing, call("echo", "<nil/>"))).isEqualTo(NODES.nullNode());
    }

    @Test
    void aResultBeyond32BitsIsAFaultAsPythonsMarshallerHasIt() {
        assertFault(RPC, call("big"), ErrorCodes.INTERNAL_ERROR, "int exceeds XML-RPC limits");
    }

    @Test
    void aDoctypeIsRefusedByName() {
        assertFault(RPC, bytes("<?xml version=\"1.0\"?><!DOCTYPE methodCall><methodCall><methodName>add"
                + "</methodName></methodCall>"), ErrorCodes.PARSE_ERROR, "DOCTYPE");
    }

    @Test
    void anInternalEntityIsNeverExpanded() {
        byte[] request = bytes("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY name \"echo\">]>"
                + "<methodCall><methodName>&name;</methodName></methodCall>");

        assertFault(RPC, request, ErrorCodes.PARSE_ERROR, "DOCTYPE");
    }

    @Test
    void anExternalEntityIsNeverRead() {
        byte[] request = bytes("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<methodCall><methodName>echo</methodName><params><param><value><string>&xxe;</string></value>"
                + "</param></params></methodCall>");

        byte[] answer = RPC.answer(request, PEER, LOG);

        assertThat(new String(answer, StandardCharsets.UTF_8)).doesNotContain("root:").contains("DOCTYPE");
        assertFault(RPC, request, ErrorCodes.PARSE_ERROR, "DOCTYPE");
    }

    @Test
    void anExternalDtdIsNeverFetched() {
        byte[] request = bytes("<?xml version=\"1.0\"?><!DOCTYPE m SYSTEM \"file:///etc/passwd\">"
                + "<methodCall><methodName>echo</methodName></methodCall>");

        assertThat(new String(RPC.answer(request, PEER, LOG), StandardCharsets.UTF_8)).doesNotContain("root:");
        assertFault(RPC, request, ErrorCodes.PARSE_ERROR, "DOCTYPE");
    }

    @Test
    void anUndeclaredEntityIsAParseError() {
        assertFault(RPC, call("echo", "<string>&xxe;</string>"), ErrorCodes.PARSE_ERROR, "xxe");
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        dtd.append("]>");
        byte[] request = bytes("<?xml version=\"1.0\"?>" + dtd + "<methodCall><methodName>echo</methodName><params>"
                + "<param><value><string>&lol9;</string></value></param></params></methodCall>");

        long started = System.nanoTime();
        assertFault(RPC, request, ErrorCodes.PARSE_ERROR, "DOCTYPE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void nestingToTheLimitIsAnsweredAndOneDeeperIsRefused() throws Exception {
        assertThat(result(RPC, call("echo", nested(64)))).isEqualTo(XmlRpcReader.readCall(call("echo", nested(64)), 64)
                .params().get(0));
        assertFault(RPC, call("echo", nested(65)), ErrorCodes.TOO_LARGE, "deeper than 64");
    }

    @Test
    void aRequestOverTheSizeLimitIsRefusedBeforeItIsRead() {
        XmlRpc small = new XmlRpc(table(), new RpcLimits(128, 10, 64, Duration.ofSeconds(10), false));

        assertFault(small, call("echo", "<string>" + "x".repeat(200) + "</string>"), ErrorCodes.TOO_LARGE,
                "more than the 128");
    }

    @Test
    void aCallPastItsDeadlineIsAFaultAtTheDeadline() {
        XmlRpc quick = new XmlRpc(table(), RpcLimits.DEFAULTS.withDeadline(Duration.ofMillis(200)));

        long started = System.nanoTime();
        assertFault(quick, call("sleep", "<int>60000</int>"), ErrorCodes.DEADLINE_EXCEEDED, "did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aDocumentThatIsNoMethodCallIsAParseError() {
        for (String bad : List.of("", "not xml", "<methodResponse/>", "<methodCall/>",
                "<methodCall><methodName>x</methodName><params><value/></params></methodCall>",
                "<methodCall><methodName>x</methodName></methodCall><more/>")) {
            assertFault(RPC, bytes(bad), ErrorCodes.PARSE_ERROR, "");
        }
    }

    /** A {@code methodCall} of {@code method} with each of {@code values} as a param's value. */
    static byte[] call(String method, String... values) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (String value : values) {
            xml.append("<param><value>").append(value).append("</value></param>");
        }
        return bytes(xml.append("</params></methodCall>").toString());
    }

    private static String multicallEntry(String method, String... values) {
        StringBuilder xml = new StringBuilder("<value><struct><member><name>methodName</name><value>").append(method)
                .append("</value></member><member><name>params</name><value><array><data>");
        for (String value : values) {
            xml.append("<value>").append(value).append("</value>");
        }
        return xml.append("</data></array></value></member></struct></value>").toString();
    }

    /** An array nested {@code depth} deep, with an int at the bottom. */
    static String nested(int depth) {
        return "<array><data><value>".repeat(depth - 1) + "<array><data><value><int>1</int></value></data></array>"
                + "</value></data></array>".repeat(depth - 1);
    }

    private static JsonNode result(XmlRpc rpc, byte[] request) throws Exception {
        return XmlRpcCodec.decodeResponse(rpc.answer(request, PEER, LOG));
    }

    private static void assertFault(XmlRpc rpc, byte[] request, int code, String message) {
        assertThatThrownBy(() -> result(rpc, request)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
