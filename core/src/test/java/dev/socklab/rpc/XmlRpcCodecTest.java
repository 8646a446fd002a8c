package dev.socklab.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * XML-RPC's documents in memory: every type the specification names, and the extensions Python
 * sends, read into Jackson's tree and written back; calls as a client sends them and responses as
 * servers (Python's among them) write them.
 */
class XmlRpcCodecTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void everyTypeOfACallReadsBackAsTheSameTree() throws Exception {
        ObjectNode struct = NODES.objectNode();
        struct.put("name", "lab");
        struct.set("ports", NODES.arrayNode().add(7).add(13));
        List<JsonNode> params = List.of(NODES.numberNode(-2147483648), NODES.numberNode(5_000_000_000L),
                NODES.booleanNode(true), NODES.booleanNode(false), NODES.stringNode("a < b & \"c\" \r\n é 😀"),
                NODES.numberNode(0.1), NODES.numberNode(-1.5e300),
                NODES.pojoNode(LocalDateTime.of(1998, 7, 17, 14, 8, 55)),
                NODES.binaryNode(new byte[] {0, 1, 2, (byte) 255}), struct,
                NODES.arrayNode().add(NODES.arrayNode().add("nested")).add(NODES.objectNode()),
                NODES.nullNode(), NODES.stringNode(""));

        XmlRpcCall call = XmlRpcReader.readCall(XmlRpcCodec.encodeCall("lab.all", params), 64);

        assertThat(call.method()).isEqualTo("lab.all");
        assertThat(call.params()).containsExactlyElementsOf(params);
        assertThat(call.params().get(1).isLong()).isTrue();
    }

    @Test
    void theSpecificationsTypesAndPythonsExtensionsReadAsTheirNodes() throws Exception {
        ArrayNode params = XmlRpcReader.readCall(bytes("""
                <?xml version='1.0'?>
                <methodCall><methodName>echo</methodName><params>
                <param><value><int>41</int></value></param>
                <param><value><i4> -7 </i4></value></param>
                <param><value><i8>9007199254740993</i8></value></param>
                <param><value><boolean>1</boolean></value></param>
                <param><value><string>text</string></value></param>
                <param><value>  untyped  </value></param>
                <param><value></value></param>
                <param><value><double>-12.214</double></value></param>
                <param><value><double>1e+300</double></value></param>
                <param><value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value></param>
                <param><value><dateTime.iso8601>1998-07-17T16:08:55+02:00</dateTime.iso8601></value></param>
                <param><value><base64>
                eW91IGNhbid0IHJlYWQgdGhpcyE=
                </base64></value></param>
                <param><value><struct><member><name>a</name><value><i4>1</i4></value></member>
                  <member><name>b</name><value>two</value></member></struct></value></param>
                <param><value><array><data><value><int>1</int></value><value><nil/></value></data></array></value></param>
                <param><value><array><data/></array></value></param>
                <param><value><struct></struct></value></param>
                <param><value><nil/></value></param>
                </params></methodCall>
                """), 64).params();

        LocalDateTime time = LocalDateTime.of(1998, 7, 17, 14, 8, 55);
        assertThat(params).containsExactly(NODES.numberNode(41), NODES.numberNode(-7),
                NODES.numberNode(9007199254740993L), NODES.booleanNode(true), NODES.stringNode("text"),
                NODES.stringNode("  untyped  "), NODES.stringNode(""), NODES.numberNode(-12.214),
                NODES.numberNode(1e300), NODES.pojoNode(time), NODES.pojoNode(time),
                NODES.binaryNode("you can't read this!".getBytes(StandardCharsets.US_ASCII)),
                NODES.objectNode().put("a", 1).put("b", "two"),
                NODES.arrayNode().add(1).add(NODES.nullNode()), NODES.arrayNode(), NODES.objectNode(),
                NODES.nullNode());
        assertThat(params.get(0).isInt()).isTrue();
        assertThat(params.get(2).isLong()).isTrue();
        assertThat(params.get(9)).isInstanceOf(POJONode.class);
        assertThat(params.get(11)).isInstanceOf(BinaryNode.class);
    }

    @Test
    void aCallWithoutParamsHasNone() throws Exception {
        XmlRpcCall call = XmlRpcReader.readCall(bytes(
                "<methodCall><methodName>system.listMethods</methodName></methodCall>"), 64);

        assertThat(call.method()).isEqualTo("system.listMethods");
        assertThat(call.params()).isEmpty();
    }

    @Test
    void aResponseAsPythonWritesItGivesItsValue() throws Exception {
        JsonNode result = XmlRpcCodec.decodeResponse(bytes("""
                <?xml version='1.0'?>
                <methodResponse>
                <params>
                <param>
                <value><array><data>
                <value><string>add</string></value>
                <value><int>5</int></value>
                </data></array></value>
                </param>
                </params>
                </methodResponse>
                """));

        assertThat(result).isEqualTo(NODES.arrayNode().add("add").add(5));
    }

    @Test
    void aFaultIsThrownWithItsCodeAndString() {
        byte[] fault = bytes("""
                <?xml version='1.0'?>
                <methodResponse><fault><value><struct>
                <member><name>faultCode</name><value><int>-32601</int></value></member>
                <member><name>faultString</name><value><string>no method called nope</string></value></member>
                </struct></value></fault></methodResponse>
                """);

        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(fault)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(-32601);
            assertThat(e).hasMessage("no method called nope");
        });
    }

    @Test
    void aWrittenFaultReadsBackAndItsUnwritableCharactersAreReplaced() {
        byte[] fault = XmlRpcWriter.fault(new RpcException(-32602, "bad\0value\r\n"));

        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(fault)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(-32602);
            assertThat(e).hasMessage("bad\uFFFDvalue\r\n");
        });
    }

    @Test
    void aResponseThatIsNoMethodResponseIsAnIoException() {
        for (String bad : List.of("", "<methodResponse>", "<html><body>502</body></html>",
                "<methodResponse><params><param><value><int>1</int></value></param>"
                        + "<param><value><int>2</int></value></param></params></methodResponse>",
                "<methodResponse><fault><value><string>x</string></value></fault></methodResponse>",
                "<methodResponse><params><param><value><int>99999999999</int></value></param></params></methodResponse>",
                "<methodResponse><params><param><value><boolean>true</boolean></value></param></params></methodResponse>",
                "<methodResponse><params><param><value><double>NaN</double></value></param></params></methodResponse>",
                "<methodResponse><params><param><value><base64>!!</base64></value></param></params></methodResponse>",
                "<methodResponse><params><param><value><float>1</float></value></param></params></methodResponse>",
                "<methodResponse><params><param><value>a<int>1</int></value></param></params></methodResponse>",
                "<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>junk")) {
            assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(bytes(bad))).as(bad)
                    .isInstanceOf(IOException.class).hasMessageNotContaining("\n");
        }
    }

    @Test
    void aCallWithAValueXmlRpcCannotCarryIsRefusedSayingWhy() {
        assertThatThrownBy(() -> XmlRpcCodec.encodeCall("echo", List.of(NODES.numberNode(Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> XmlRpcCodec.encodeCall("echo", List.of(NODES.stringNode("\u0001"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0001");
    }

    /** A record, as a method returns one: written as a struct of its components. */
    private record Host(String name, int port, List<String> aliases, byte[] key) {
    }

    private enum Mode { OCTET }

    @Test
    void eachJavaTypeIsWrittenAsItsXmlRpcType() throws Exception {
        Instant instant = Instant.parse("2026-12-06T22:45:01.5Z");
        LocalDateTime utc = LocalDateTime.of(2026, 12, 6, 22, 45, 1);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("one", 1);
        map.put("many", new int[] {1, 2});
        Object[][] cases = {
                {true, NODES.booleanNode(true)}, {7, NODES.numberNode(7)}, {(short) -3, NODES.numberNode(-3)},
                {(byte) 9, NODES.numberNode(9)}, {2_147_483_647L, NODES.numberNode(2_147_483_647)},
                {1.5f, NODES.numberNode(1.5)}, {0.1, NODES.numberNode(0.1)},
                {new StringBuilder("sb"), NODES.stringNode("sb")}, {'c', NODES.stringNode("c")},
                {Mode.OCTET, NODES.stringNode("OCTET")}, {new byte[] {1, 2}, NODES.binaryNode(new byte[] {1, 2})},
                {utc.withNano(5), NODES.pojoNode(utc)}, {instant, NODES.pojoNode(utc)},
                {OffsetDateTime.of(utc.plusHours(2), ZoneOffset.ofHours(2)), NODES.pojoNode(utc)},
                {ZonedDateTime.of(utc.minusHours(5), ZoneId.of("America/New_York")), NODES.pojoNode(utc)},
                {Date.from(instant), NODES.pojoNode(utc)},
                {map, NODES.objectNode().put("one", 1).set("many", NODES.arrayNode().add(1).add(2))},
                {List.of("a", List.of()), NODES.arrayNode().add("a").add(NODES.arrayNode())},
                {new String[] {"x"}, NODES.arrayNode().add("x")},
                {new Host("lab", 7, List.of("l"), new byte[] {3}), NODES.objectNode().put("name", "lab").put("port", 7)
                        .<ObjectNode>set("aliases", NODES.arrayNode().add("l")).put("key", new byte[] {3})},
                {NODES.objectNode().put("tree", 1L), NODES.objectNode().put("tree", 1)},
                {NODES.pojoNode(utc), NODES.pojoNode(utc)}, {new BigDecimal("2.25"), NODES.numberNode(2.25)},
                {BigInteger.TEN, NODES.numberNode(10)}, {Optional.of("x"), NODES.stringNode("x")}};
        XmlRpcWriter writer = new XmlRpcWriter(false, false);
        for (Object[] c : cases) {
            assertThat(XmlRpcCodec.decodeResponse(writer.response(c[0]))).as(c[0].getClass().getName())
                    .isEqualTo(c[1]);
        }
    }

    @Test
    void whatXmlRpcCannotCarryIsAFaultSayingWhy() {
        XmlRpcWriter writer = new XmlRpcWriter(false, false);
        List<Object> itself = new ArrayList<>();
        itself.add(itself);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("null", null);
        values.put("long", 1L << 32);
        values.put("bigger", BigInteger.TWO.pow(70));
        values.put("nan", Double.NaN);
        values.put("infinite", Float.POSITIVE_INFINITY);
        values.put("control", "\u0007");
        values.put("lone surrogate", "\uD800");
        values.put("cycle", itself);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            assertThatThrownBy(() -> writer.response(value.getValue())).as(value.getKey())
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR));
        }
        assertThatThrownBy(() -> writer.response(1L << 32)).hasMessage("int exceeds XML-RPC limits: 4294967296");
        assertThatThrownBy(() -> writer.response(null)).hasMessageContaining("None unless allow_none is enabled");
    }

    @Test
    void nilAndI8AreWrittenWhereTheyAreAllowed() throws Exception {
        XmlRpcWriter writer = new XmlRpcWriter(true, true);

        assertThat(XmlRpcCodec.decodeResponse(writer.response(null))).isEqualTo(NODES.nullNode());
        assertThat(new String(writer.response(1L << 32), StandardCharsets.UTF_8)).contains("<i8>4294967296</i8>");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
