package dev.socklab.rpc;

import java.time.Duration;

/**
 * What one request may cost, the same on every transport.
 *
 * @param maxRequestBytes the largest request: a JSON-RPC line, an HTTP body
 * @param maxBatch the most calls in a JSON-RPC batch or an XML-RPC {@code system.multicall}
 * @param maxDepth the deepest nesting of arrays and objects (structs) in a request
 * @param deadline how long a call may run before it is answered with
 *     {@link ErrorCodes#DEADLINE_EXCEEDED}
 * @param allowNone whether an XML-RPC response may carry {@code <nil/>}, as Python's
 *     {@code allow_none}; without it a null result is a fault
 */
public record RpcLimits(int maxRequestBytes, int maxBatch, int maxDepth, Duration deadline, boolean allowNone) {
    /** 1 MiB, 1,000 calls, depth 64, 10 s, no nil. */
    public static final RpcLimits DEFAULTS = new RpcLimits(1 << 20, 1000, 64, Duration.ofSeconds(10), false);

    /** Checks the limits. */
    public RpcLimits {
        if (maxRequestBytes < 64 || maxBatch < 1 || maxDepth < 2) {
            throw new IllegalArgumentException("RPC limits too small: " + maxRequestBytes + " bytes, batch "
                    + maxBatch + ", depth " + maxDepth);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("an RPC deadline is positive: " + deadline);
        }
    }

    /** These limits with {@code deadline}. */
    public RpcLimits withDeadline(Duration deadline) {
        return new RpcLimits(maxRequestBytes, maxBatch, maxDepth, deadline, allowNone);
    }

    /** These limits, with XML-RPC's nil allowed or not. */
    public RpcLimits withAllowNone(boolean allowNone) {
        return new RpcLimits(maxRequestBytes, maxBatch, maxDepth, deadline, allowNone);
    }
}
