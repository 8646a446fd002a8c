package dev.socklab.client;

/**
 * The two RPC protocols {@code socklab rpc} speaks over HTTP, each at the path its servers answer
 * at by custom: socklab's http service serves both, at these paths.
 */
public enum RpcProtocol {
    /** JSON-RPC 2.0, {@code POST /jsonrpc}. */
    JSON_RPC("/jsonrpc"),
    /** XML-RPC, {@code POST /RPC2}, where Python's {@code ServerProxy} and most XML-RPC servers have it. */
    XML_RPC("/RPC2");

    private final String path;

    RpcProtocol(String path) {
        this.path = path;
    }

    /** The path its calls go to when a URL names none. */
    public String path() {
        return path;
    }

    /** The protocol a URL's path suggests: XML-RPC at {@code /RPC2}, JSON-RPC anywhere else. */
    public static RpcProtocol forPath(String target) {
        return target.equals(XML_RPC.path) || target.startsWith(XML_RPC.path + "?") ? XML_RPC : JSON_RPC;
    }
}
