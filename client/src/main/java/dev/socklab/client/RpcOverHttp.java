package dev.socklab.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.socklab.http.Fields;
import dev.socklab.rpc.RpcException;
import dev.socklab.rpc.RpcValues;
import dev.socklab.rpc.XmlRpcCodec;
import dev.socklab.text.Visible;

/**
 * One call over HTTP/1.1, {@code POST} to the URL's path: JSON-RPC 2.0 (a request object in, a
 * response object out, as the specification's HTTP usage has it) or XML-RPC (a
 * {@code methodCall} in, a {@code methodResponse} out). The request is sent by {@link HttpClient},
 * so the trace shows both heads, and says {@code Connection: close}: a call is one connection.
 *
 * <p>A server's RPC error answers with 200 as the specifications say, and some servers with 500;
 * either way it is read as the error it is. Any other answer that is not a response (a 404 from a
 * server with no RPC at that path) is the server's refusal.
 */
public final class RpcOverHttp {
    private static final String JSON = "application/json";
    private static final String XML = "text/xml";

    private RpcOverHttp() {
    }

    /**
     * Calls {@code method} at {@code url} over {@code conn}, which the caller closes.
     *
     * @param protocol JSON-RPC or XML-RPC
     * @param params the arguments: an array by position, or for JSON-RPC an object by name
     * @param timeout how long the server may stay silent, at each read
     * @param userAgent the {@code User-Agent} field's value
     * @return the result, a JSON null for none; XML-RPC's base64 as a binary node and its
     *     dateTime.iso8601 as a POJO node of a {@code LocalDateTime}, both of which print as JSON text
     * @throws IllegalArgumentException for XML-RPC with parameters by name, which it has not
     * @throws RpcErrorException the error (JSON-RPC) or fault (XML-RPC) the server answered with
     * @throws ServerRefusedException if the server answered an error status and no RPC response
     * @throws BadResponseException if a successful answer is no response of the protocol
     * @throws SocketTimeoutException if the server stays silent for {@code timeout}
     * @throws IOException if the connection fails
     */
    public static JsonNode call(ClientConnection conn, HttpUrl url, RpcProtocol protocol, String method,
            JsonNode params, Duration timeout, String userAgent) throws IOException {
        byte[] body = protocol == RpcProtocol.XML_RPC ? XmlRpcCodec.encodeCall(method, positional(params))
                : RpcJson.request(1, method, params).getBytes(StandardCharsets.UTF_8);
        String type = protocol == RpcProtocol.XML_RPC ? XML : JSON;
        Fields fields = Fields.builder().add("Content-Type", type).add("Accept", type).build();
        // The codec writes UTF-8, and a form's text body is sent as UTF-8: the bytes go as they are.
        HttpRequest request = new HttpRequest("POST", url, new HttpRequest.Text(new String(body, StandardCharsets.UTF_8)),
                fields, userAgent);
        HttpResponse response = HttpClient.exchange(conn, request, timeout);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            response.transferTo(answer, RpcClient.MAX_RESPONSE_BYTES, copied -> { });
        } catch (BodyTooLargeException e) {
            throw new BadResponseException("the server's answer is longer than " + e.limit() + " bytes");
        }
        byte[] bytes = answer.toByteArray();
        if (protocol == RpcProtocol.JSON_RPC) {
            conn.note("< " + RpcJson.quote(new String(bytes, StandardCharsets.UTF_8)));
        }
        try {
            return protocol == RpcProtocol.XML_RPC ? xmlResult(bytes) : jsonResult(bytes, response.status());
        } catch (BadResponseException e) {
            if (response.status() / 100 == 2) {
                throw e;
            }
            String reason = response.head().reason();
            throw new ServerRefusedException(response.status(), Visible.of("the server answered "
                    + response.status() + (reason.isEmpty() ? "" : " " + reason) + " at " + url.target()
                    + ", not a" + (protocol == RpcProtocol.XML_RPC ? "n XML-RPC" : " JSON-RPC") + " response: check the"
                    + " URL's path (socklab serves JSON-RPC at /jsonrpc, XML-RPC at /RPC2)"));
        }
    }

    private static JsonNode jsonResult(byte[] bytes, int status) throws IOException {
        if (status == 204) {
            throw new BadResponseException("the server answered 204 No Content, as to a notification, not the call's"
                    + " result");
        }
        return RpcJson.result(new String(bytes, StandardCharsets.UTF_8), 1).orElseThrow(() ->
                new BadResponseException("the server answered with a notification of its own, not the call's result"));
    }

    private static JsonNode xmlResult(byte[] bytes) throws IOException {
        try {
            return XmlRpcCodec.decodeResponse(bytes);
        } catch (RpcException fault) {
            throw new RpcErrorException(fault.code(), fault.getMessage(),
                    fault.data().map(RpcValues::toTree).orElse(null));
        } catch (IOException e) {
            throw new BadResponseException("the server's answer is no XML-RPC methodResponse: " + e.getMessage());
        }
    }

    private static List<JsonNode> positional(JsonNode params) {
        if (!params.isArray()) {
            throw new IllegalArgumentException("XML-RPC's parameters are positional only: give them without names");
        }
        List<JsonNode> list = new ArrayList<>();
        params.forEach(list::add);
        return list;
    }
}
