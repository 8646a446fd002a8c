package dev.socklab.services.http.endpoints;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.socklab.http.Field;
import dev.socklab.http.HttpException;
import dev.socklab.net.SocketAddresses;
import dev.socklab.service.TlsSession;
import dev.socklab.services.http.Exchange;

/**
 * A request as JSON, as the test endpoints show it: what the server saw, including the client's
 * address and port as the server sees them (behind a NAT, not what the client thinks; behind a
 * proxy that sends the PROXY protocol, the client it names).
 */
final class RequestJson {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private RequestJson() {
    }

    /**
     * The request's method, target, version, arguments, fields, body, and both ends' addresses;
     * over TLS what the handshake settled ({@code tls}), and behind a proxy that named the client
     * with the PROXY protocol the proxy's own address ({@code via}).
     */
    static ObjectNode of(Exchange exchange, byte[] body) throws HttpException {
        ObjectNode json = JSON.createObjectNode();
        json.put("method", exchange.request().method());
        json.put("url", exchange.request().target());
        json.put("path", exchange.request().path());
        json.put("query", exchange.request().query());
        ObjectNode args = json.putObject("args");
        for (Map.Entry<String, List<String>> arg : Query.parse(exchange.request().query()).all().entrySet()) {
            ArrayNode values = args.putArray(arg.getKey());
            arg.getValue().forEach(values::add);
        }
        json.put("version", exchange.request().version().text());
        json.set("headers", headers(exchange));
        putBody(json, body);
        json.set("client", address(exchange.connection().peer()));
        json.set("server", address(exchange.connection().local()));
        exchange.connection().via().ifPresent(proxy -> json.set("via", address(proxy)));
        exchange.connection().tls().ifPresent(session -> json.set("tls", tls(session)));
        return json;
    }

    /** The TLS session as {@code {"version", "cipher", "sni", "alpn", "client"}}, the last three when there are. */
    private static ObjectNode tls(TlsSession session) {
        ObjectNode json = JSON.createObjectNode();
        json.put("version", session.protocol());
        json.put("cipher", session.cipherSuite());
        session.serverName().ifPresent(name -> json.put("sni", name));
        session.applicationProtocol().ifPresent(alpn -> json.put("alpn", alpn));
        session.clientSubject().ifPresent(subject -> json.put("client", subject));
        return json;
    }

    /** The fields, as an object of name to value; a name sent more than once gets its values joined with commas, as RFC 9110 §5.3 allows. */
    static ObjectNode headers(Exchange exchange) {
        ObjectNode headers = JSON.createObjectNode();
        for (Field f : exchange.request().fields().all()) {
            String seen = headers.has(f.name()) ? headers.get(f.name()).asString() + ", " : "";
            headers.put(f.name(), seen + f.value());
        }
        return headers;
    }

    /** An address as {@code {"address": "127.0.0.1", "port": 41234}}, or {@code {"unix": "/path"}}. */
    static ObjectNode address(SocketAddress a) {
        ObjectNode json = JSON.createObjectNode();
        switch (a) {
            case InetSocketAddress inet -> {
                json.put("address", SocketAddresses.format(inet.getAddress()));
                json.put("port", inet.getPort());
            }
            case UnixDomainSocketAddress unix -> json.put("unix", unix.getPath().toString());
            default -> json.put("other", a.toString());
        }
        return json;
    }

    /** The body as text when it is UTF-8, else as base64 (under {@code bodyBase64}), so that no byte is lost. */
    private static void putBody(ObjectNode json, byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            json.put("body", text);
        } catch (CharacterCodingException e) {
            json.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        }
    }

    /** {@code json} as bytes, with a line end for a terminal. */
    static byte[] bytes(ObjectNode json) {
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
