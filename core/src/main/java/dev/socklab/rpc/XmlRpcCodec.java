package dev.socklab.rpc;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * XML-RPC's documents for a client: a {@code methodCall} to send, a {@code methodResponse} read
 * into the same tree as JSON-RPC's results, so that {@code socklab rpc} prints both alike.
 */
public final class XmlRpcCodec {
    private XmlRpcCodec() {
    }

    /** The {@code methodCall} of {@code method} with {@code params}, in order. */
    public static byte[] encodeCall(String method, List<JsonNode> params) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * The result in {@code response}, a {@code methodResponse} document.
     *
     * @throws RpcException the fault the server answered with
     * @throws java.io.IOException if the document is no methodResponse
     */
    public static JsonNode decodeResponse(byte[] response) throws RpcException, java.io.IOException {
        throw new UnsupportedOperationException("being written");
    }
}
