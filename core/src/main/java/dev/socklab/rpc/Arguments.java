package dev.socklab.rpc;

import java.util.Map;

/**
 * A call's arguments, each already mapped to its parameter's type: a method reads them by the
 * same {@link Param} it declared, so that no method checks a type or counts its arguments.
 */
public final class Arguments {
    private final Map<Param<?>, Object> values;

    Arguments(Map<Param<?>, Object> values) {
        this.values = values;
    }

    /**
     * The value of {@code param}, of its type; null only where the caller sent null (JSON's
     * {@code null}, XML-RPC's {@code <nil/>}) for a parameter of a reference type.
     *
     * @throws IllegalArgumentException if the method did not declare {@code param}
     */
    public <T> T get(Param<T> param) {
        if (!values.containsKey(param)) {
            throw new IllegalArgumentException("not a parameter of this method: " + param.name());
        }
        return param.type().isPrimitive() ? primitive(param) : param.type().cast(values.get(param));
    }

    @SuppressWarnings("unchecked")
    private <T> T primitive(Param<T> param) {
        // Class.cast refuses a boxed value for int.class; the mapper gave the boxed type.
        return (T) values.get(param);
    }
}
