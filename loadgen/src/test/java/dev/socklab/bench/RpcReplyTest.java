package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Judging JSON-RPC and XML-RPC replies in memory: what counts as a result, and what as each kind of error. */
class RpcReplyTest {
    @Test
    void aResultWithTheCallsIdCountsWhereverTheMembersAreAndWhateverTheyHold() {
        for (String reply : new String[] {
                "{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":17}",
                "{ \"id\" : 17 , \"result\" : {\"id\": 3, \"error\": [1, {\"x\": \"}\"}]}, \"jsonrpc\": \"2.0\" }",
                "{\"result\": \"a \\\"quoted\\\" } ] string\", \"id\": 17}",
                "{\"result\": null, \"id\": 17, \"extra\": [[[]]]}"}) {
            assertThatCode(() -> json(reply, 17)).as(reply).doesNotThrowAnyException();
        }
    }

    @Test
    void anErrorObjectAnotherIdAndWhatIsNoResponseAreEachTheirKind() {
        assertKind("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":17}",
                ErrorKind.RPC_ERROR);
        assertKind("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":18}", ErrorKind.MISMATCH);
        assertKind("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":\"17\"}", ErrorKind.MISMATCH);
        assertKind("{\"jsonrpc\":\"2.0\",\"result\":5}", ErrorKind.MISMATCH);
        assertKind("{\"jsonrpc\":\"2.0\",\"id\":17}", ErrorKind.MALFORMED);
        assertKind("[{\"result\":5,\"id\":17}]", ErrorKind.MALFORMED);
        assertKind("{\"result\":\"never closed", ErrorKind.MALFORMED);
        assertKind("", ErrorKind.MALFORMED);
    }

    @Test
    void anXmlRpcFaultIsAnRpcErrorAndAReplyWithoutParamsMalformed() throws Exception {
        xml("<methodResponse><params><param><value><int>5</int></value></param></params></methodResponse>");
        assertThatThrownBy(() -> xml("<methodResponse><fault><value><struct/></value></fault></methodResponse>"))
                .isInstanceOfSatisfying(ReplyFailure.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.RPC_ERROR));
        assertThatThrownBy(() -> xml("<html>502</html>"))
                .isInstanceOfSatisfying(ReplyFailure.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.MALFORMED));
    }

    private static void assertKind(String reply, ErrorKind kind) {
        assertThatThrownBy(() -> json(reply, 17)).as(reply)
                .isInstanceOfSatisfying(ReplyFailure.class, e -> assertThat(e.kind())
                        .isEqualTo(kind));
    }

    private static void json(String reply, long id) throws ReplyFailure {
        byte[] b = bytes(reply + "trailing bytes past the length are not the reply's");
        JsonRpcReply.check(b, reply.length(), id);
    }

    private static void xml(String reply) throws ReplyFailure {
        XmlRpcReply.check(bytes(reply), reply.length());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
