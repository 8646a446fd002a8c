package dev.socklab.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.socklab.text.Durations;

/**
 * The methods a server offers, by name: what JSON-RPC over a socket, JSON-RPC over HTTP and
 * XML-RPC all call. It maps each call's arguments to the method's parameter types, runs the method
 * in its caller's thread, and holds it to the call's deadline: the thread is interrupted then, so a
 * method that waits (a sleep, a lock, I/O of its own) ends there; one that computes without waiting
 * is answered with the deadline's error when it returns. It answers XML-RPC's
 * introspection on every transport: {@code system.listMethods}, {@code system.methodHelp},
 * {@code system.methodSignature}.
 */
public final class MethodTable {
    private final Map<String, RpcMethod> methods = new ConcurrentSkipListMap<>();

    /** A table with only the introspection methods. */
    public MethodTable() {
        Param<String> method = Param.of("method", String.class);
        methods.put("system.listMethods", new RpcMethod("system.listMethods",
                "Lists the methods this server offers.", List.class, List.of(), (args, context) -> names()));
        methods.put("system.methodHelp", new RpcMethod("system.methodHelp",
                "Says what a method does.", String.class, List.of(method),
                (args, context) -> known(args.get(method)).help()));
        methods.put("system.methodSignature", new RpcMethod("system.methodSignature",
                "Lists a method's signature: its result's type, then its parameters' types.", List.class,
                List.of(method), (args, context) -> List.of(signature(known(args.get(method))))));
    }

    /**
     * Adds {@code method}.
     *
     * @throws IllegalArgumentException if the table has a method of that name, or the name is one that
     *     JSON-RPC reserves ({@code rpc.}) or introspection uses ({@code system.})
     */
    public MethodTable add(RpcMethod method) {
        if (method.name().startsWith("rpc.") || method.name().startsWith("system.")) {
            throw new IllegalArgumentException("names beginning rpc. and system. are reserved: " + method.name());
        }
        if (methods.putIfAbsent(method.name(), method) != null) {
            throw new IllegalArgumentException("there is a method called " + method.name() + " already");
        }
        return this;
    }

    /** Adds the method {@code name}: see {@link RpcMethod}. */
    public MethodTable add(String name, String help, Class<?> returns, List<Param<?>> params, RpcHandler handler) {
        return add(new RpcMethod(name, help, returns, params, handler));
    }

    /** The method called {@code name}, if there is one. */
    public Optional<RpcMethod> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    /** Every method's name, in order. */
    public List<String> names() {
        return List.copyOf(methods.keySet());
    }

    /** A method's signature as XML-RPC's introspection gives it: the result's type, then each parameter's. */
    public static List<String> signature(RpcMethod method) {
        List<String> types = new ArrayList<>();
        types.add(ValueType.of(method.returns()).xmlRpcName());
        method.params().forEach(p -> types.add(ValueType.of(p.type()).xmlRpcName()));
        return types;
    }

    private RpcMethod known(String name) throws RpcException {
        return find(name).orElseThrow(() -> notFound(name));
    }

    private static RpcException notFound(String name) {
        return new RpcException(ErrorCodes.METHOD_NOT_FOUND, "no method called " + name);
    }

    /**
     * Calls {@code name} with {@code params}, by position (an array) or by name (an object), or with
     * none (null or a missing node), by {@code context}'s deadline.
     *
     * @return the method's result, null for none
     * @throws RpcException the method's own error; -32601 if there is no such method; -32602 if the
     *     arguments do not fit it; -32000 if it ran past the deadline (its thread is then interrupted);
     *     -32603 if it failed otherwise (logged on {@code context}'s logger)
     */
    public Object call(String name, JsonNode params, CallContext context) throws RpcException {
        RpcMethod method = known(name);
        Arguments args = arguments(method, params);
        Duration allowed = context.remaining();
        if (allowed.isZero()) {
            throw new RpcException(ErrorCodes.DEADLINE_EXCEEDED, name + " was not called: its request's deadline"
                    + " had passed", Map.of("deadline_ms", 0));
        }
        CallAlarm alarm = CallAlarm.set(allowed);
        Object result = null;
        Exception failure = null;
        try {
            result = method.handler().call(args, context);
        } catch (Exception e) {
            failure = e;
        } catch (Error e) {
            alarm.cancel();
            throw e;
        }
        if (alarm.cancel()) {
            throw new RpcException(ErrorCodes.DEADLINE_EXCEEDED, name + " did not answer within "
                    + Durations.format(allowed), Map.of("deadline_ms", allowed.toMillis()));
        }
        if (failure == null) {
            return result;
        }
        if (failure instanceof RpcException rpc) {
            throw rpc;
        }
        if (failure instanceof InterruptedException) {
            // Not the deadline's interrupt: the server's, as it stops.
            Thread.currentThread().interrupt();
            throw new RpcException(ErrorCodes.INTERNAL_ERROR, "the server is stopping");
        }
        context.log().warn("method {} failed", name, failure);
        throw new RpcException(ErrorCodes.INTERNAL_ERROR, "internal error: " + name + " failed");
    }

    /** Maps {@code params} onto {@code method}'s parameters, all of which are required. */
    private static Arguments arguments(RpcMethod method, JsonNode params) throws RpcException {
        List<Param<?>> declared = method.params();
        Map<Param<?>, Object> values = new LinkedHashMap<>();
        if (params == null || params.isMissingNode()) {
            params = RpcValues.MAPPER.createArrayNode();
        }
        if (params.isArray()) {
            if (params.size() != declared.size()) {
                throw RpcException.invalidParams(method.name() + " takes " + declared.size() + " argument"
                        + (declared.size() == 1 ? "" : "s") + ", not " + params.size());
            }
            for (int i = 0; i < declared.size(); i++) {
                values.put(declared.get(i), value(method, declared.get(i), params.get(i)));
            }
        } else if (params.isObject()) {
            for (Iterator<String> names = params.propertyNames().iterator(); names.hasNext();) {
                String given = names.next();
                if (declared.stream().noneMatch(p -> p.name().equals(given))) {
                    throw RpcException.invalidParams(method.name() + " has no parameter called " + given);
                }
            }
            for (Param<?> p : declared) {
                JsonNode value = params.get(p.name());
                if (value == null) {
                    throw RpcException.invalidParams(method.name() + " needs its parameter " + p.name());
                }
                values.put(p, value(method, p, value));
            }
        } else {
            throw RpcException.invalidParams("a method's parameters are an array or an object, not "
                    + params.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return new Arguments(values);
    }

    private static Object value(RpcMethod method, Param<?> param, JsonNode node) throws RpcException {
        if (node.isNull() && !param.type().isPrimitive()) {
            return null;
        }
        Object plain = plainValue(param.type(), node);
        if (plain != null) {
            return plain;
        }
        try {
            return RpcValues.MAPPER.treeToValue(node, param.type());
        } catch (JacksonException | IllegalArgumentException e) {
            throw RpcException.invalidParams(method.name() + "'s parameter " + param.name() + " is "
                    + ValueType.of(param.type()).xmlRpcName() + ", not " + describe(node));
        }
    }

    /**
     * The value of the commonest parameters, read straight off the node, where the mapper would take a
     * parser and a deserializer lookup for it; null for any other type or value, which the mapper then
     * reads (or refuses) as strictly as ever.
     */
    private static Object plainValue(Class<?> type, JsonNode node) {
        if (type == long.class || type == Long.class) {
            return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
        }
        if (type == int.class || type == Integer.class) {
            return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
        }
        if (type == String.class) {
            return node.isString() ? node.stringValue() : null;
        }
        if (type == boolean.class || type == Boolean.class) {
            return node.isBoolean() ? node.booleanValue() : null;
        }
        if (type == JsonNode.class) {
            return node;
        }
        return null;
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
