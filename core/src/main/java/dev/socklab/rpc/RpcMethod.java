package dev.socklab.rpc;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A method as a {@link MethodTable} holds it: its name, a one-line help text (what
 * {@code system.methodHelp} answers), the type it returns and the parameters it takes (what
 * {@code system.methodSignature} answers), and its body.
 *
 * @param name the name callers use, e.g. {@code arp.lookup}
 * @param help one line saying what it does
 * @param returns the type of its result
 * @param params its parameters, in the order positional arguments fill them
 * @param handler its body
 */
public record RpcMethod(String name, String help, Class<?> returns, List<Param<?>> params, RpcHandler handler) {
    /** Checks the method: a name, help, and parameters with distinct names. */
    public RpcMethod {
        Objects.requireNonNull(returns, "returns");
        Objects.requireNonNull(handler, "handler");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a method needs a name");
        }
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException("method " + name + " needs a line of help");
        }
        params = List.copyOf(params);
        Set<String> names = new HashSet<>();
        for (Param<?> p : params) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("method " + name + " has two parameters called " + p.name());
            }
        }
    }
}
