package dev.socklab.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
