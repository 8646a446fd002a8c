package dev.socklab.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.socklab.net.SocketAddresses;

/**
 * The call of an rpc run, the same on every connection and every time: {@code add(2, 3)}, or
 * {@code echo} of a string of {@code --size} letters and digits (which need no escaping in JSON or
 * XML), as JSON-RPC 2.0 over TCP (one JSON text a line), JSON-RPC over HTTP ({@code POST /jsonrpc})
 * or XML-RPC over HTTP ({@code POST /RPC2}). Its bytes are made once; a JSON-RPC request's id is
 * a number written right-aligned in a field of {@link #ID_WIDTH} characters, spaces before it (JSON
 * allows whitespace there), so that each call changes those bytes alone.
 *
 * @param transport how the calls travel
 * @param xml XML-RPC rather than JSON-RPC: over HTTP alone
 * @param authority the {@code Host} field's value over HTTP, such as {@code 127.0.0.1:10080}
 */
public record RpcCall(Transport transport, boolean xml, String authority) {
    /** The largest echo: far below every server's request limit (socklab's is 1 MiB). */
    public static final int MAX_SIZE = 65_536;
    /** The characters of a JSON-RPC request's id: ids run from 1 to 9,999,999,999, then again. */
    static final int ID_WIDTH = 10;
    static final long MAX_ID = 9_999_999_999L;

    /** How an rpc run's calls travel. */
    public enum Transport {
        /** JSON-RPC 2.0 over TCP, one JSON text a line (socklab's rpc service, port 10111). */
        TCP,
        /** HTTP/1.1 kept alive, a call at a time, never pipelined (socklab's http service, port 10080). */
        HTTP;

        /** {@code tcp} or {@code http}, in any case. */
        public static Transport parse(String text) {
            String wanted = text.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(t -> t.label().equals(wanted)).findFirst()
                    .orElseThrow(() -> new BenchPlanException("unknown --transport '" + text + "': choose "
                            + Arrays.stream(values()).map(Transport::label).collect(Collectors.joining(" or "))));
        }

        /** The name on the command line: {@code tcp} or {@code http}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks that XML-RPC goes over HTTP, and that the Host is visible ASCII. */
    public RpcCall {
        if (xml && transport != Transport.HTTP) {
            throw new BenchPlanException("--xml calls XML-RPC, which travels over HTTP alone: add --transport http");
        }
        if (authority.isEmpty() || !authority.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new BenchPlanException("the Host of an rpc run must be visible ASCII, not '" + authority + "'");
        }
    }

    /** The call to {@code target}, named in {@code Host} by its address over HTTP. */
    public static RpcCall of(Transport transport, boolean xml, InetSocketAddress target) {
        return new RpcCall(transport, xml, SocketAddresses.format(target));
    }

    /** How reports and notes name it: {@code JSON-RPC over TCP}, {@code XML-RPC over HTTP}. */
    public String describe() {
        return (xml ? "XML-RPC" : "JSON-RPC") + " over " + transport.name();
    }

    /** The method called: {@code add} for size 0, {@code echo} otherwise. */
    static String method(int size) {
        return size == 0 ? "add" : "echo";
    }

    /**
     * The request's bytes, with id 0 (blank) in a JSON-RPC request: a line over TCP, a {@code POST}
     * with its head over HTTP.
     */
    byte[] request(int size) {
        String body = xml ? xmlCall(size) : jsonCall(size);
        if (transport == Transport.TCP) {
            return (body + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        return ("POST " + (xml ? "/RPC2" : "/jsonrpc") + " HTTP/1.1\r\nHost: " + authority
                + "\r\nUser-Agent: socklab-bench\r\nContent-Type: " + (xml ? "text/xml" : "application/json")
                + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** Where the id field starts in {@link #request}'s bytes; -1 for XML-RPC, which has no ids. */
    int idOffset(int size) {
        if (xml) {
            return -1;
        }
        byte[] request = request(size);
        // The id field is the last thing before the closing brace.
        int end = transport == Transport.TCP ? request.length - 2 : request.length - 1;
        return end - ID_WIDTH;
    }

    private static String jsonCall(int size) {
        String params = size == 0 ? "[2,3]" : "[\"" + payload(size) + "\"]";
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method(size) + "\",\"params\":" + params + ",\"id\":"
                + " ".repeat(ID_WIDTH) + "}";
    }

    private static String xmlCall(int size) {
        String params = size == 0
                ? "<param><value><int>2</int></value></param><param><value><int>3</int></value></param>"
                : "<param><value><string>" + payload(size) + "</string></value></param>";
        return "<?xml version=\"1.0\"?><methodCall><methodName>" + method(size) + "</methodName><params>" + params
                + "</params></methodCall>";
    }

    /** Letters and digits, which neither JSON nor XML escapes, so the echo's size is the reply's payload. */
    private static String payload(int size) {
        StringBuilder text = new StringBuilder(size);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < size; i++) {
            text.append(alphabet.charAt(i % alphabet.length()));
        }
        return text.toString();
    }
}
