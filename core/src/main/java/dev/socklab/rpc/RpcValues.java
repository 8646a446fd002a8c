package dev.socklab.rpc;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How an RPC value becomes a Java value and back, on every transport: through Jackson's tree,
 * which XML-RPC's decoder builds as JSON's parser does. Strict where a lenient mapping would hide
 * a caller's mistake: a string is never read as a number or a number as a string, a float is not
 * cut to an integer, a number is not a boolean, a record's unknown member and a null for a
 * primitive are errors. Dates are written as ISO 8601 text, Jackson 3's default.
 */
public final class RpcValues {
    /** The mapper every transport converts arguments and results with. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // Jackson reads 0 and 1 as booleans unless told not to: JSON has true and false for that.
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    private RpcValues() {
    }

    /** {@code value}, a method's result or an error's data, as a tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
