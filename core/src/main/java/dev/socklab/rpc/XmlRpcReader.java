package dev.socklab.rpc;

import java.io.ByteArrayInputStream;
import java.util.Base64;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads XML-RPC's documents into Jackson's tree, as the specification has them: int and i4 (and
 * the i8 extension), boolean, string (and a value with no type, which is a string), double,
 * dateTime.iso8601 (a {@code POJONode} of a {@code LocalDateTime}), base64 (a {@code BinaryNode}),
 * struct, array, and the nil extension.
 *
 * <p>The JDK's StAX parser reads the document with DTDs and external entities off, and a document
 * with a DOCTYPE at all is refused before anything of it is used: no entity is ever declared, so
 * none is expanded (no billion laughs) or fetched (no XXE), and the text read is never longer than
 * the document. Arrays and structs nest at most {@code maxDepth} deep. Whatever is wrong with a
 * document, it ends as a {@link MalformedXmlRpcException}.
 */
final class XmlRpcReader {
    private static final XMLInputFactory FACTORY = factory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final XMLStreamReader xml;
    private final int maxDepth;

    private XmlRpcReader(XMLStreamReader xml, int maxDepth) {
        this.xml = xml;
        this.maxDepth = maxDepth;
    }

    private static XMLInputFactory factory() {
        // The JDK's own parser, whatever else is on the class path, so that these settings are the ones it knows.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // Each level of XML-RPC's nesting is three elements (value, array, data), past the JDK's 100 at
        // depth 33. The reader bounds the nesting itself, and meets any element it does not expect at once.
        factory.setProperty("jdk.xml.maxElementDepth", 0);
        return factory;
    }

    /** The {@code methodCall} in {@code document}. */
    static XmlRpcCall readCall(byte[] document, int maxDepth) throws MalformedXmlRpcException {
        return parse(document, maxDepth, reader -> reader.call());
    }

    /**
     * The result in {@code document}, a {@code methodResponse}: its one parameter's value (null when
     * it has none).
     *
     * @throws RpcException the fault it carries
     */
    static JsonNode readResponse(byte[] document, int maxDepth) throws MalformedXmlRpcException, RpcException {
        XmlRpcResponse response = parse(document, maxDepth, reader -> reader.response());
        if (response.fault() != null) {
            throw response.fault();
        }
        return response.result();
    }

    /** A response's result, or its fault. */
    private record XmlRpcResponse(JsonNode result, RpcException fault) {
    }

    @FunctionalInterface
    private interface Body<T> {
        T read(XmlRpcReader reader) throws XMLStreamException, MalformedXmlRpcException;
    }

    private static <T> T parse(byte[] document, int maxDepth, Body<T> body) throws MalformedXmlRpcException {
        XMLStreamReader xml = null;
        try {
            xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
            XmlRpcReader reader = new XmlRpcReader(xml, maxDepth);
            reader.root();
            T read = body.read(reader);
            reader.end();
            return read;
        } catch (XMLStreamException e) {
            throw new MalformedXmlRpcException("not well-formed XML: " + reason(e));
        } finally {
            close(xml);
        }
    }

    private static void close(XMLStreamReader xml) {
        if (xml == null) {
            return;
        }
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // Nothing to release: the document is an array in memory.
        }
    }

    /** The parser's message without its "ParseError at [row,col]" line, and the place in one line. */
    private static String reason(XMLStreamException e) {
        String message = e.getMessage() == null ? "unreadable" : e.getMessage();
        int at = message.indexOf("Message: ");
        String reason = at >= 0 ? message.substring(at + "Message: ".length()) : message;
        if (e.getLocation() != null) {
            reason += " (line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber()
                    + ")";
        }
        return reason.strip();
    }

    /** Moves to the root element, refusing a DTD: the one place a document could declare an entity. */
    private void root() throws XMLStreamException, MalformedXmlRpcException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new MalformedXmlRpcException("a DOCTYPE is not allowed in XML-RPC (no DTDs, no entities)");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
        }
    }

    /** Checks that nothing but comments and white space follows the root element. */
    private void end() throws XMLStreamException {
        while (xml.hasNext()) {
            xml.next();
        }
    }

    private XmlRpcCall call() throws XMLStreamException, MalformedXmlRpcException {
        expectStart("methodCall");
        expect(xml.nextTag(), "methodName");
        String method = xml.getElementText();
        ArrayNode params = NODES.arrayNode();
        if (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            expectStart("params");
            params = params();
            expect(xml.nextTag(), null);
        }
        return new XmlRpcCall(method, params);
    }

    private XmlRpcResponse response() throws XMLStreamException, MalformedXmlRpcException {
        expectStart("methodResponse");
        xml.nextTag();
        XmlRpcResponse response;
        if (xml.isStartElement() && xml.getLocalName().equals("fault")) {
            expect(xml.nextTag(), "value");
            response = new XmlRpcResponse(null, fault(value(0)));
            expect(xml.nextTag(), null);
        } else {
            expectStart("params");
            ArrayNode params = params();
            if (params.size() > 1) {
                throw new MalformedXmlRpcException("a methodResponse has one param, not " + params.size());
            }
            response = new XmlRpcResponse(params.isEmpty() ? NODES.nullNode() : params.get(0), null);
        }
        expect(xml.nextTag(), null);
        return response;
    }

    private static RpcException fault(JsonNode fault) throws MalformedXmlRpcException {
        JsonNode code = fault.get("faultCode");
        JsonNode string = fault.get("faultString");
        if (!fault.isObject() || code == null || !code.isInt() || string == null || !string.isString()) {
            throw new MalformedXmlRpcException("a fault is a struct of an int faultCode and a string faultString");
        }
        return new RpcException(code.intValue(), string.stringValue());
    }

    /** The values of the {@code param}s inside {@code <params>}, up to its end. */
    private ArrayNode params() throws XMLStreamException, MalformedXmlRpcException {
        ArrayNode params = NODES.arrayNode();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            expectStart("param");
            expect(xml.nextTag(), "value");
            params.add(value(0));
            expect(xml.nextTag(), null);
        }
        return params;
    }

    /**
     * The value whose {@code <value>} the reader is on, {@code depth} arrays and structs deep, up
     * to its end tag.
     */
    private JsonNode value(int depth) throws XMLStreamException, MalformedXmlRpcException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    // A value with no type is a string (the specification).
                    return NODES.stringNode(text.toString());
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!text.isEmpty() && !text.toString().isBlank()) {
                        throw new MalformedXmlRpcException("a value has text or a type, not both");
                    }
                    JsonNode value = typed(depth);
                    expect(xml.nextTag(), null);
                    return value;
                }
                default -> {
                    // Comments and processing instructions say nothing about the value.
                }
            }
        }
    }

    /** The value of the type element the reader is on, up to its end tag. */
    private JsonNode typed(int depth) throws XMLStreamException, MalformedXmlRpcException {
        String type = xml.getLocalName();
        return switch (type) {
            case "int", "i4" -> IntNode.valueOf((int) integer(type, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "i8" -> LongNode.valueOf(integer(type, Long.MIN_VALUE, Long.MAX_VALUE));
            case "boolean" -> bool();
            case "string" -> NODES.stringNode(xml.getElementText());
            case "double" -> DoubleNode.valueOf(real());
            case "dateTime.iso8601" -> {
                String text = xml.getElementText();
                yield NODES.pojoNode(XmlRpcDateTime.parse(text).orElseThrow(() -> new MalformedXmlRpcException(
                        "dateTime.iso8601 is a time such as 19980717T14:08:55, not " + shown(text))));
            }
            case "base64" -> NODES.binaryNode(base64());
            case "nil" -> {
                expect(xml.nextTag(), null);
                yield NODES.nullNode();
            }
            case "struct" -> struct(deeper(depth));
            case "array" -> array(deeper(depth));
            default -> throw new MalformedXmlRpcException("no XML-RPC type is called " + shown(type));
        };
    }

    private int deeper(int depth) throws MalformedXmlRpcException {
        if (depth + 1 > maxDepth) {
            throw new MalformedXmlRpcException(ErrorCodes.TOO_LARGE,
                    "arrays and structs are nested deeper than " + maxDepth);
        }
        return depth + 1;
    }

    private long integer(String type, long min, long max) throws XMLStreamException, MalformedXmlRpcException {
        String text = xml.getElementText().strip();
        // ASCII digits only: Long.parseLong would take any script's.
        if (text.matches("[+-]?\\d{1,19}")) {
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Past 64 bits: answered below, as for a number out of range.
            }
        }
        throw new MalformedXmlRpcException(type + " is an integer of " + (max == Long.MAX_VALUE ? 64 : 32)
                + " bits, not " + shown(text));
    }

    private BooleanNode bool() throws XMLStreamException, MalformedXmlRpcException {
        String text = xml.getElementText().strip();
        return switch (text) {
            case "0" -> BooleanNode.FALSE;
            case "1" -> BooleanNode.TRUE;
            default -> throw new MalformedXmlRpcException("boolean is 0 or 1, not " + shown(text));
        };
    }

    private double real() throws XMLStreamException, MalformedXmlRpcException {
        String text = xml.getElementText().strip();
        // Decimal digits with an optional exponent, which Python writes; not Java's Infinity, NaN, hex or 1d.
        if (text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        }
        throw new MalformedXmlRpcException("double is a finite decimal number, not " + shown(text));
    }

    private byte[] base64() throws XMLStreamException, MalformedXmlRpcException {
        String text = xml.getElementText();
        // Python writes base64 in lines of 76; anything but white space between the characters is wrong.
        String compact = text.replaceAll("[ \\t\\r\\n]", "");
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new MalformedXmlRpcException("base64 holds " + shown(text) + ", which is not base64");
        }
    }

    private ObjectNode struct(int depth) throws XMLStreamException, MalformedXmlRpcException {
        ObjectNode struct = NODES.objectNode();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            expectStart("member");
            expect(xml.nextTag(), "name");
            String name = xml.getElementText();
            expect(xml.nextTag(), "value");
            struct.set(name, value(depth));
            expect(xml.nextTag(), null);
        }
        return struct;
    }

    private ArrayNode array(int depth) throws XMLStreamException, MalformedXmlRpcException {
        ArrayNode array = NODES.arrayNode();
        expect(xml.nextTag(), "data");
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            expectStart("value");
            array.add(value(depth));
        }
        expect(xml.nextTag(), null);
        return array;
    }

    /**
     * Checks that {@code event} is the start of {@code element}, or an end tag when {@code element}
     * is null (the parser has checked that it ends the element it should).
     */
    private void expect(int event, String element) throws MalformedXmlRpcException {
        if (element == null) {
            if (event != XMLStreamConstants.END_ELEMENT) {
                throw new MalformedXmlRpcException("unexpected <" + xml.getLocalName() + "> where an element ends");
            }
            return;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
            throw new MalformedXmlRpcException("<" + element + "> is missing before </" + xml.getLocalName() + ">");
        }
        expectStart(element);
    }

    private void expectStart(String element) throws MalformedXmlRpcException {
        if (!xml.getLocalName().equals(element)) {
            throw new MalformedXmlRpcException("expected <" + element + ">, not <" + xml.getLocalName() + ">");
        }
    }

    /** {@code text} quoted for a message, cut short if it is long. */
    private static String shown(String text) {
        return "\"" + (text.length() <= 40 ? text : text.substring(0, 40) + "...") + "\"";
    }
}
