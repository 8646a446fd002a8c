package dev.socklab.rpc;

/**
 * A method's body: its arguments in, its result out, with no protocol in sight. The result is a
 * value as {@link Param} describes (a record, a number, a string, a list, a map, ...), or null for
 * none. Throw an {@link RpcException} to answer with a chosen error; anything else thrown answers
 * -32603, internal error, and is logged.
 */
@FunctionalInterface
public interface RpcHandler {
    /** Runs the method. */
    Object call(Arguments args, CallContext context) throws Exception;
}
