package dev.socklab.rpc;

import java.io.IOException;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * XML-RPC's documents for a client: a {@code methodCall} to send, a {@code methodResponse} read
 * into the same tree as JSON-RPC's results, so that {@code socklab rpc} prints both alike. The
 * response is read as the server reads calls (no DTD, no entities), with arrays and structs
 * nested at most {@link #MAX_RESPONSE_DEPTH} deep.
 */
public final class XmlRpcCodec {
    /** How deep a response's arrays and structs may nest: deeper than any request, for multicall's wrapping. */
    public static final int MAX_RESPONSE_DEPTH = 256;
    private static final XmlRpcWriter CALLS = new XmlRpcWriter(true, true);

    private XmlRpcCodec() {
    }

    /**
     * The {@code methodCall} of {@code method} with {@code params}, in order: each node as its
     * XML-RPC type (an integer beyond 32 bits as the i8 extension, which Python's and socklab's
     * servers read; null as nil, which a server takes only if it allows none).
     *
     * @throws IllegalArgumentException if a value cannot travel in XML-RPC (a NaN or infinity, an
     *     integer beyond 64 bits, text with a character XML cannot hold); its message says which
     */
    public static byte[] encodeCall(String method, List<JsonNode> params) {
        try {
            return CALLS.call(method, params);
        } catch (RpcException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The result in {@code response}, a {@code methodResponse} document: its one parameter's value,
     * a null node when it has none.
     *
     * @throws RpcException the fault the server answered with: its faultCode and faultString
     * @throws IOException if the document is no methodResponse; the message says what is wrong
     */
    public static JsonNode decodeResponse(byte[] response) throws RpcException, IOException {
        return XmlRpcReader.readResponse(response, MAX_RESPONSE_DEPTH);
    }
}
