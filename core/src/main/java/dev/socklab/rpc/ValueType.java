package dev.socklab.rpc;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Date;

/**
 * The kinds of value XML-RPC names (its specification's scalar types, struct and array, and the
 * nil extension), which {@code system.methodSignature} lists a method's parameters and result in,
 * on every transport. {@link #ANY} is a parameter or result of no fixed kind (echo's).
 */
public enum ValueType {
    /** A 32-bit signed integer. */
    INT("int"),
    /** 0 or 1. */
    BOOLEAN("boolean"),
    /** Text. */
    STRING("string"),
    /** A double-precision float. */
    DOUBLE("double"),
    /** A date and time, {@code 19980717T14:08:55}. */
    DATE_TIME("dateTime.iso8601"),
    /** Bytes, base64-encoded. */
    BASE64("base64"),
    /** Named members: a record, a map. */
    STRUCT("struct"),
    /** A list. */
    ARRAY("array"),
    /** No value: a method that returns nothing. */
    NIL("nil"),
    /** Any of the others. */
    ANY("any");

    private final String xmlRpcName;

    ValueType(String xmlRpcName) {
        this.xmlRpcName = xmlRpcName;
    }

    /** The name XML-RPC's introspection uses, e.g. {@code dateTime.iso8601}. */
    public String xmlRpcName() {
        return xmlRpcName;
    }

    /** The kind of value a Java type maps to. */
    public static ValueType of(Class<?> type) {
        if (type == void.class || type == Void.class) {
            return NIL;
        }
        if (type == Object.class || type.getName().startsWith("tools.jackson.databind.")) {
            return ANY;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class) {
            return INT;
        }
        if (type == boolean.class || type == Boolean.class) {
            return BOOLEAN;
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || Number.class.isAssignableFrom(type)) {
            return DOUBLE;
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class
                || type.isEnum()) {
            return STRING;
        }
        if (type == byte[].class) {
            return BASE64;
        }
        if (Temporal.class.isAssignableFrom(type) || Date.class.isAssignableFrom(type)) {
            return DATE_TIME;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return ARRAY;
        }
        return STRUCT;
    }
}
