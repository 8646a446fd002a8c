package dev.socklab.services.rpc;

import dev.socklab.rpc.JsonRpc;
import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.rpc.XmlRpc;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;

/**
 * JSON-RPC and XML-RPC over one method table, within limits a reload changes: the one the rpc
 * service and http's {@code /jsonrpc} and {@code /RPC2} answer with, so that one reload changes
 * the limits of all three at once. A connection to the rpc service keeps the limits it began with;
 * an HTTP request takes those in force when it comes.
 */
public final class RpcProtocols implements Reloadable {
    private final MethodTable methods;
    /** Swapped whole by a reload; each connection (rpc) or request (http) reads it once. */
    private volatile Protocols protocols;

    /** Both protocols over {@code methods}, within {@code limits}. */
    public RpcProtocols(MethodTable methods, RpcLimits limits) {
        this.methods = methods;
        this.protocols = new Protocols(methods, limits);
    }

    /** The two, made from one table and the same limits. */
    private record Protocols(JsonRpc json, XmlRpc xml) {
        Protocols(MethodTable methods, RpcLimits limits) {
            this(new JsonRpc(methods, limits), new XmlRpc(methods, limits));
        }

        RpcLimits limits() {
            return json.limits();
        }
    }

    /** JSON-RPC within the limits now in force. */
    public JsonRpc json() {
        return protocols.json();
    }

    /** XML-RPC within the limits now in force. */
    public XmlRpc xml() {
        return protocols.xml();
    }

    /** Takes the deadline, the largest request, the largest batch and XML-RPC's nil anew. */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        RpcLimits before = protocols.limits();
        RpcLimits after = fresh.rpc();
        Protocols next = new Protocols(methods, after);
        return new ServiceReload(ServiceReload.changes("rpc", before, after,
                new ServiceReload.Setting<>("--rpc-deadline", RpcLimits::deadline),
                new ServiceReload.Setting<>("--rpc-max-request", RpcLimits::maxRequestBytes),
                new ServiceReload.Setting<>("--rpc-max-batch", RpcLimits::maxBatch),
                new ServiceReload.Setting<>("--rpc-allow-none", RpcLimits::allowNone)),
                () -> protocols = next);
    }
}
