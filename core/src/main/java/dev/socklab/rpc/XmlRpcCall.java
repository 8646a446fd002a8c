package dev.socklab.rpc;

import tools.jackson.databind.node.ArrayNode;

/**
 * A {@code methodCall} as read: the method's name and its parameters, in order.
 *
 * @param method the {@code methodName}
 * @param params each {@code param}'s value
 */
record XmlRpcCall(String method, ArrayNode params) {
}
