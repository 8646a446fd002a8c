package dev.socklab.cli;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

import dev.socklab.client.RpcUrl;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;
import dev.socklab.rpc.RpcValues;

/**
 * The words of {@code socklab rpc}'s command line, sorted into the server, the method and its
 * arguments. The server is a URL, or HOST and PORT: those only when the second word is a port
 * number and the third no JSON value, since a method's name never is one, while a first argument
 * often is a number ({@code socklab rpc add 2 3}).
 *
 * <p>An argument is a JSON value; a word that is not one is a string, as xmlrpc-c's {@code xmlrpc}
 * and HTTPie take a bare word, so that {@code arp.lookup 10.0.0.1} needs no quotes within quotes.
 * A word that opens as JSON's arrays, objects and strings do ({@code [}, <code>{</code>,
 * {@code "}) but does not parse is a mistake, not a string, and is refused with the reason.
 *
 * @param server where to call
 * @param method the method to call; null with --list
 * @param args its arguments as written
 */
record RpcCommandLine(RpcUrl server, String method, List<String> args) {
    static final String USAGE = "socklab rpc [URL | HOST PORT] METHOD [ARG...]";

    /**
     * Sorts {@code words}.
     *
     * @param list whether the command lists the methods, and so takes the server alone
     * @param tls whether the client speaks TLS: an http:// URL is then taken as https://
     */
    static RpcCommandLine of(List<String> words, boolean list, boolean tls) {
        int at = 0;
        RpcUrl server = new RpcUrl.Tcp(Host.parse("localhost"), RpcCommand.DEFAULT_PORT);
        if (!words.isEmpty() && RpcUrl.isUrl(words.getFirst())) {
            server = RpcUrl.parse(words.getFirst(), RpcCommand.DEFAULT_PORT, tls);
            at = 1;
        } else if (list ? words.size() == 2
                : words.size() >= 3 && isPortNumber(words.get(1)) && !isJson(words.get(2))) {
            server = new RpcUrl.Tcp(Host.parse(words.get(0)), Ports.parse(words.get(1)));
            at = 2;
        }
        List<String> rest = words.subList(at, words.size());
        if (list) {
            if (!rest.isEmpty()) {
                throw new Errors.UsageException("--list takes the server alone, as a URL or HOST PORT, not '"
                        + String.join(" ", rest) + "'");
            }
            return new RpcCommandLine(server, null, List.of());
        }
        if (rest.isEmpty()) {
            throw new Errors.UsageException("name the method to call: " + USAGE + "; or --list to see the methods");
        }
        return new RpcCommandLine(server, rest.getFirst(), List.copyOf(rest.subList(1, rest.size())));
    }

    /**
     * The JSON value {@code word} is, or the string it is when it is no JSON value.
     *
     * @throws Errors.UsageException for a word that opens as JSON but does not parse, or a number too large
     */
    static JsonNode value(String word) {
        try {
            JsonNode value = RpcValues.MAPPER.readTree(word);
            if (value != null && value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                throw new Errors.UsageException("the argument " + word + " is beyond the range of a double, which"
                        + " JSON-RPC and XML-RPC numbers are read as");
            }
            if (value != null && !value.isMissingNode()) {
                return value;
            }
        } catch (JacksonException e) {
            String start = word.strip();
            if (start.startsWith("[") || start.startsWith("{") || start.startsWith("\"")) {
                throw new Errors.UsageException("the argument " + word + " is not valid JSON ("
                        + e.getOriginalMessage() + "); quote it for the shell as a whole: '[1, 2]'");
            }
        }
        return StringNode.valueOf(word);
    }

    /** Whether {@code word} is a JSON value as it stands. */
    static boolean isJson(String word) {
        try {
            JsonNode value = RpcValues.MAPPER.readTree(word);
            return value != null && !value.isMissingNode();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static boolean isPortNumber(String word) {
        return !word.isEmpty() && word.length() <= 5 && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
