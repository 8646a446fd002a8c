package dev.socklab.rpc;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * Writes XML-RPC's documents, walking the Java values a method returns (or a client's tree of
 * arguments) into XML-RPC's types: null as {@code <nil/>} (only where nil is allowed), booleans,
 * Integer, Short and Byte as int, Long as int within 32 bits, Float and Double as double, text
 * (CharSequence, Character, Enum) as string, {@code byte[]} as base64, {@code java.time} values and
 * {@code Date} as dateTime.iso8601 (instants in UTC), maps and records (by their components) as
 * structs, iterables and arrays as arrays, Jackson's trees as what each node holds, and anything
 * else as {@link RpcValues#toTree} makes it. A value XML-RPC cannot carry is an
 * {@link RpcException}, -32603, as Python's marshaller refuses it: a null where nil is not allowed,
 * an integer beyond the widest allowed, a NaN or infinity, a character that XML cannot hold.
 */
final class XmlRpcWriter {
    /** How deep a value may nest: a list that holds itself ends here, not in a StackOverflowError. */
    static final int MAX_DEPTH = 512;
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final boolean allowNone;
    private final boolean i8;

    /**
     * A writer that writes null as nil only if {@code allowNone}, and an integer beyond 32 bits as
     * the i8 extension if {@code i8}, else refuses them.
     */
    XmlRpcWriter(boolean allowNone, boolean i8) {
        this.allowNone = allowNone;
        this.i8 = i8;
    }

    /** The {@code methodCall} of {@code method} with {@code params}. */
    byte[] call(String method, List<?> params) throws RpcException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            XMLStreamWriter xml = start(out);
            xml.writeStartElement("methodCall");
            element(xml, "methodName", method);
            xml.writeStartElement("params");
            for (Object param : params) {
                xml.writeStartElement("param");
                value(xml, param, 0);
                xml.writeEndElement();
            }
            xml.writeEndElement();
            end(xml);
        } catch (XMLStreamException e) {
            throw writeFailed(e);
        }
        return out.toByteArray();
    }

    /** The {@code methodResponse} that carries {@code result}. */
    byte[] response(Object result) throws RpcException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, result);
        return out.toByteArray();
    }

    /** Checks that {@code result} can be written, without keeping what it would be. */
    void check(Object result) throws RpcException {
        write(OutputStream.nullOutputStream(), result);
    }

    private void write(OutputStream out, Object result) throws RpcException {
        try {
            XMLStreamWriter xml = start(out);
            xml.writeStartElement("methodResponse");
            xml.writeStartElement("params");
            xml.writeStartElement("param");
            value(xml, result, 0);
            xml.writeEndElement();
            xml.writeEndElement();
            end(xml);
        } catch (XMLStreamException e) {
            throw writeFailed(e);
        }
    }

    /**
     * The {@code methodResponse} that carries {@code fault}: its code and message, in which any
     * character that XML cannot hold shows as U+FFFD.
     */
    static byte[] fault(RpcException fault) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            XMLStreamWriter xml = start(out);
            xml.writeStartElement("methodResponse");
            xml.writeStartElement("fault");
            faultValue(xml, fault);
            xml.writeEndElement();
            end(xml);
        } catch (XMLStreamException | RpcException e) {
            // The message was made writable first, and the writer writes into memory.
            throw new IllegalStateException("a fault could not be written", e);
        }
        return out.toByteArray();
    }

    /** {@code fault} as the struct a fault carries, also an entry of {@code system.multicall}'s answer. */
    static void faultValue(XMLStreamWriter xml, RpcException fault) throws XMLStreamException, RpcException {
        xml.writeStartElement("value");
        xml.writeStartElement("struct");
        member(xml, "faultCode");
        element(xml, "int", Integer.toString(fault.code()));
        xml.writeEndElement();
        xml.writeEndElement();
        member(xml, "faultString");
        element(xml, "string", writable(String.valueOf(fault.getMessage())));
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static XMLStreamWriter start(OutputStream out) throws XMLStreamException {
        XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        return xml;
    }

    private static void end(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }

    private static RpcException writeFailed(XMLStreamException e) {
        return new RpcException(ErrorCodes.INTERNAL_ERROR, "the response could not be written: " + e.getMessage());
    }

    private static RpcException cannot(String what) {
        return new RpcException(ErrorCodes.INTERNAL_ERROR, "cannot marshal " + what);
    }

    /** Opens a struct's {@code member} and writes its {@code name}; the caller writes the value and closes it. */
    private static void member(XMLStreamWriter xml, String name) throws XMLStreamException, RpcException {
        xml.writeStartElement("member");
        element(xml, "name", name);
        xml.writeStartElement("value");
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException,
            RpcException {
        xml.writeStartElement(name);
        text(xml, text);
        xml.writeEndElement();
    }

    /**
     * Writes {@code text}, a carriage return as a character reference, which XML's reading would
     * otherwise turn into a line feed.
     */
    private static void text(XMLStreamWriter xml, String text) throws XMLStreamException, RpcException {
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                xml.writeCharacters(text.substring(from, i));
                xml.writeEntityRef("#13");
                from = i + 1;
            } else if (!xmlChar(text, i)) {
                throw cannot("text holding U+" + String.format("%04X", (int) c) + ", which XML cannot carry");
            } else if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        xml.writeCharacters(from == 0 ? text : text.substring(from));
    }

    /** Whether the character at {@code i} (with its low surrogate, if it is a high one) is one XML 1.0 allows. */
    private static boolean xmlChar(String text, int i) {
        char c = text.charAt(i);
        if (c >= 0x20 && c <= 0xD7FF || c == '\t' || c == '\n' || c == '\r' || c >= 0xE000 && c <= 0xFFFD) {
            return true;
        }
        return Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** {@code text} with each character that XML cannot hold replaced by U+FFFD. */
    private static String writable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (xmlChar(text, i)) {
                out.append(c);
                if (Character.isHighSurrogate(c)) {
                    out.append(text.charAt(++i));
                }
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString();
    }

    /** Writes {@code value} as a {@code <value>}, {@code depth} arrays and structs deep. */
    private void value(XMLStreamWriter xml, Object value, int depth) throws XMLStreamException, RpcException {
        xml.writeStartElement("value");
        typed(xml, value, depth);
        xml.writeEndElement();
    }

    private void typed(XMLStreamWriter xml, Object value, int depth) throws XMLStreamException, RpcException {
        if (depth > MAX_DEPTH) {
            throw cannot("a value nested deeper than " + MAX_DEPTH + " (does it hold itself?)");
        }
        switch (value) {
            case null -> nil(xml);
            case JsonNode node -> node(xml, node, depth);
            case Boolean b -> element(xml, "boolean", b ? "1" : "0");
            case Integer i -> element(xml, "int", i.toString());
            case Short s -> element(xml, "int", s.toString());
            case Byte b -> element(xml, "int", b.toString());
            case Long l -> integer(xml, l);
            case Float f -> real(xml, f, Float.toString(f));
            case Double d -> real(xml, d, Double.toString(d));
            case CharSequence s -> element(xml, "string", s.toString());
            case Character c -> element(xml, "string", c.toString());
            case byte[] bytes -> element(xml, "base64", Base64.getEncoder().encodeToString(bytes));
            case LocalDateTime t -> dateTime(xml, t);
            case LocalDate d -> dateTime(xml, d.atStartOfDay());
            case Instant t -> dateTime(xml, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
            case OffsetDateTime t -> dateTime(xml, t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            case ZonedDateTime t -> dateTime(xml, LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC));
            case Date d -> dateTime(xml, LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC));
            case Map<?, ?> map -> struct(xml, map, depth);
            case Record record -> record(xml, record, depth);
            case Iterable<?> items -> {
                xml.writeStartElement("array");
                xml.writeStartElement("data");
                for (Object item : items) {
                    value(xml, item, depth + 1);
                }
                xml.writeEndElement();
                xml.writeEndElement();
            }
            default -> {
                if (value.getClass().isArray()) {
                    array(xml, value, depth);
                } else {
                    node(xml, tree(value), depth);
                }
            }
        }
    }

    private static JsonNode tree(Object value) throws RpcException {
        try {
            return RpcValues.toTree(value);
        } catch (JacksonException | IllegalArgumentException e) {
            throw cannot("a " + value.getClass().getName() + ": Jackson cannot write it either");
        }
    }

    private void nil(XMLStreamWriter xml) throws XMLStreamException, RpcException {
        if (!allowNone) {
            // Python's words, which its clients' users know.
            throw cannot("None unless allow_none is enabled (a null result, and nil is off)");
        }
        xml.writeEmptyElement("nil");
    }

    private void integer(XMLStreamWriter xml, long value) throws XMLStreamException, RpcException {
        if (value == (int) value) {
            element(xml, "int", Long.toString(value));
        } else if (i8) {
            element(xml, "i8", Long.toString(value));
        } else {
            throw new RpcException(ErrorCodes.INTERNAL_ERROR, "int exceeds XML-RPC limits: " + value);
        }
    }

    private static void real(XMLStreamWriter xml, double value, String text) throws XMLStreamException,
            RpcException {
        if (!Double.isFinite(value)) {
            throw cannot(text + ": XML-RPC's double is finite");
        }
        element(xml, "double", text);
    }

    private static void dateTime(XMLStreamWriter xml, LocalDateTime time) throws XMLStreamException, RpcException {
        element(xml, "dateTime.iso8601", XmlRpcDateTime.format(time));
    }

    private void struct(XMLStreamWriter xml, Map<?, ?> map, int depth) throws XMLStreamException, RpcException {
        xml.writeStartElement("struct");
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw cannot("a map with a null key: a struct's members have names");
            }
            member(xml, e.getKey().toString());
            typed(xml, e.getValue(), depth + 1);
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private void record(XMLStreamWriter xml, Record record, int depth) throws XMLStreamException, RpcException {
        xml.writeStartElement("struct");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            member(xml, component.getName());
            typed(xml, component(record, component), depth + 1);
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static Object component(Record record, RecordComponent component) throws RpcException {
        Method accessor = component.getAccessor();
        try {
            // A record declared inside a method's class, or package-private, is still a method's result.
            accessor.trySetAccessible();
            return accessor.invoke(record);
        } catch (IllegalAccessException e) {
            throw cannot(record.getClass().getSimpleName() + "." + component.getName() + ": it cannot be read here");
        } catch (InvocationTargetException e) {
            throw cannot(record.getClass().getSimpleName() + "." + component.getName() + ": " + e.getCause());
        }
    }

    private void array(XMLStreamWriter xml, Object array, int depth) throws XMLStreamException, RpcException {
        xml.writeStartElement("array");
        xml.writeStartElement("data");
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            value(xml, Array.get(array, i), depth + 1);
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private void node(XMLStreamWriter xml, JsonNode node, int depth) throws XMLStreamException, RpcException {
        if (node.isNull() || node.isMissingNode()) {
            nil(xml);
        } else if (node.isBoolean()) {
            element(xml, "boolean", node.booleanValue() ? "1" : "0");
        } else if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new RpcException(ErrorCodes.INTERNAL_ERROR, "int exceeds XML-RPC limits: " + node);
            }
            integer(xml, node.longValue());
        } else if (node.isNumber()) {
            real(xml, node.doubleValue(), Double.toString(node.doubleValue()));
        } else if (node.isString()) {
            element(xml, "string", node.stringValue());
        } else if (node.isBinary()) {
            element(xml, "base64", Base64.getEncoder().encodeToString(node.binaryValue()));
        } else if (node instanceof POJONode pojo) {
            typed(xml, pojo.getPojo(), depth);
        } else if (node.isObject()) {
            xml.writeStartElement("struct");
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                member(xml, e.getKey());
                node(xml, e.getValue(), depth + 1);
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        } else if (node.isArray()) {
            xml.writeStartElement("array");
            xml.writeStartElement("data");
            for (JsonNode item : node.values()) {
                value(xml, item, depth + 1);
            }
            xml.writeEndElement();
            xml.writeEndElement();
        } else {
            throw cannot("a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " node");
        }
    }
}
