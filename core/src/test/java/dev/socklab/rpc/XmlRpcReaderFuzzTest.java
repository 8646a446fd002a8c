package dev.socklab.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import tools.jackson.databind.JsonNode;

/**
 * {@link XmlRpcReader} on whatever a client or a server sends: a {@code methodCall} or a
 * {@code methodResponse} is read, or a fault is (for a response), or the document is refused with
 * a {@link MalformedXmlRpcException} of -32700 or -32001 whose message is one line; nothing else
 * is thrown, and nesting never passes the limit. What was read, written again, reads back the same.
 */
class XmlRpcReaderFuzzTest {
    private static final int MAX_DEPTH = 8;
    private static final XmlRpcWriter WRITER = new XmlRpcWriter(true, true);

    @FuzzTest(maxDuration = "30s")
    void aCallIsReadAndWrittenBackOrRefusedWithItsCode(byte[] data) throws RpcException {
        XmlRpcCall call;
        try {
            call = XmlRpcReader.readCall(data, MAX_DEPTH);
        } catch (MalformedXmlRpcException e) {
            assertRefusal(e);
            return;
        }
        List<JsonNode> params = new ArrayList<>(call.params().values());
        params.forEach(p -> assertThat(depth(p)).isLessThanOrEqualTo(MAX_DEPTH));
        try {
            assertThat(XmlRpcReader.readCall(WRITER.call(call.method(), params), MAX_DEPTH)).isEqualTo(call);
        } catch (MalformedXmlRpcException e) {
            throw new AssertionError("a call read does not read again once written: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void aResponseIsReadOrAFaultOrRefusedWithItsCode(byte[] data) {
        try {
            JsonNode result = XmlRpcReader.readResponse(data, MAX_DEPTH);
            assertThat(depth(result)).isLessThanOrEqualTo(MAX_DEPTH);
        } catch (RpcException e) {
            assertThat(e.getMessage()).isNotNull();
        } catch (MalformedXmlRpcException e) {
            assertRefusal(e);
        }
    }

    private static void assertRefusal(MalformedXmlRpcException e) {
        assertThat(e.code()).isIn(ErrorCodes.PARSE_ERROR, ErrorCodes.TOO_LARGE);
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node.values()) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainer() ? deepest + 1 : deepest;
    }
}
