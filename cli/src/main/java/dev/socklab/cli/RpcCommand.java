package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.socklab.client.ClientConnection;
import dev.socklab.client.RpcClient;
import dev.socklab.client.RpcErrorException;
import dev.socklab.client.RpcOverHttp;
import dev.socklab.client.RpcProtocol;
import dev.socklab.client.RpcUrl;
import dev.socklab.net.Host;
import dev.socklab.rpc.RpcValues;
import dev.socklab.text.Visible;

/**
 * {@code socklab rpc}: one JSON-RPC 2.0 or XML-RPC call, its result printed as JSON, or the
 * server's methods with {@code --list}. Not a {@link ClientCommand}: it takes a URL as well as
 * HOST and PORT, and RPC has no UDP side here.
 */
@Command(name = "rpc", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Calls a method of a JSON-RPC 2.0 or XML-RPC server and prints its result as JSON.",
                "The server is a URL: tcp://HOST[:PORT] or unix:PATH for JSON-RPC over a socket, one JSON text a"
                + " line (also HOST PORT, or nothing for localhost port 10111); http://HOST:PORT/jsonrpc for"
                + " JSON-RPC over HTTP, http://HOST:PORT/RPC2 for XML-RPC (--xml and --json choose whatever the"
                + " path), https:// for TLS.",
                "Each ARG is a JSON value: 2, true, null, '[1,2]', '{\"a\":1}', '\"text\"'; a word that is not"
                + " JSON, such as 10.0.0.1 or hello, is taken as a string. With --named each is NAME=VALUE."},
        footer = {"", "Exit code 6 when the server answers with an RPC error: 'error CODE: MESSAGE' on",
                "standard error, and its data as JSON when it has some.", "", "Examples:",
                "  socklab rpc add 2 3                           JSON-RPC at localhost:10111",
                "  socklab rpc localhost 10111 arp.lookup 10.0.0.1",
                "  socklab rpc tcp://[::1]:10111 echo '{\"a\":[1,2]}'",
                "  socklab rpc --named tcp://localhost:10111 add a=2 b=3",
                "  socklab rpc http://localhost:10080/jsonrpc time",
                "  socklab rpc http://localhost:10080/RPC2 add 2 3      XML-RPC",
                "  socklab rpc --list http://localhost:10080/RPC2",
                "  socklab rpc add -- -4 3                       -4 alone would be --ipv4-only"})
final class RpcCommand implements Callable<Integer>, ServerText.Printer {
    /** The rpc service's port: JSON-RPC over TCP, where a call goes when no server is given. */
    static final int DEFAULT_PORT = ServerAddress.defaultPort("rpc");
    private static final String WHO = "rpc";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "[URL | HOST PORT] METHOD [ARG...]", hideParamSyntax = true,
            description = {"The server (default: tcp://localhost:10111), the method, and its arguments, each a JSON"
                    + " value or a word taken as a string; with --list, the server alone."})
    List<String> words = new ArrayList<>();

    @Mixin
    ClientOptions options;

    @Option(names = "--xml", description = "Call with XML-RPC over HTTP, at /RPC2 unless the URL names a path.")
    boolean xml;

    @Option(names = "--json", description = "Call with JSON-RPC over HTTP, at /jsonrpc unless the URL names a path.")
    boolean json;

    @Option(names = "--named", description = "Pass the arguments by name, each written NAME=VALUE (JSON-RPC only).")
    boolean named;

    @Option(names = {"-l", "--list"}, description = "List the server's methods, each with its signatures and help,"
            + " as the server's introspection gives them.")
    boolean list;

    /** Not offered, since RPC has no UDP side here: taken only to tell whoever tries it so. */
    @Option(names = "--udp", hidden = true)
    boolean udp;

    /** How the server's text (the result, method names and help) is printed: made visible on a terminal. */
    ServerText serverText = ServerText.forStandardOutput();

    @Override
    public void serverText(ServerText how) {
        serverText = how;
    }

    /** A call to the server, however it is reached. */
    @FunctionalInterface
    private interface Caller {
        JsonNode call(String method, JsonNode params) throws IOException;
    }

    /** What the command does with the server: one call, or the calls of --list. */
    @FunctionalInterface
    private interface Work {
        int run(Caller caller) throws IOException;
    }

    @Override
    public Integer call() throws IOException {
        if (udp) {
            throw new Errors.UsageException("RPC runs over TCP, a Unix socket or HTTP here, not UDP: drop --udp");
        }
        if (xml && json) {
            throw new Errors.UsageException("--xml and --json each choose the protocol: give one");
        }
        RpcCommandLine parsed = RpcCommandLine.of(words, list, options.tls.tls);
        RpcUrl url = parsed.server();
        RpcProtocol protocol = protocol(url);
        if (named && (list || protocol == RpcProtocol.XML_RPC)) {
            throw new Errors.UsageException(list ? "--named is for a call's arguments, and --list makes none: drop"
                    + " --named" : "XML-RPC's parameters have no names: drop --named, and give them in order");
        }
        // The arguments are read before connecting: a mistake in one costs no connection.
        JsonNode params = list ? null : params(parsed.args());
        try {
            return list ? over(url, protocol, this::list)
                    : over(url, protocol, caller -> print(caller.call(parsed.method(), params)));
        } catch (RpcErrorException e) {
            return refused(e);
        }
    }

    /** The protocol asked for, and whether the URL can carry it. */
    private RpcProtocol protocol(RpcUrl url) {
        if (url instanceof RpcUrl.Http http) {
            return xml ? RpcProtocol.XML_RPC : json ? RpcProtocol.JSON_RPC : http.protocol();
        }
        if (xml) {
            throw new Errors.UsageException("XML-RPC runs over HTTP: give an http:// URL, such as"
                    + " http://localhost:10080/RPC2");
        }
        return RpcProtocol.JSON_RPC;
    }

    /**
     * Reaches the server at {@code url} and does {@code work} there: over one connection for JSON-RPC
     * over a socket, over a connection a call for HTTP, whose requests close theirs.
     */
    private int over(RpcUrl url, RpcProtocol protocol, Work work) throws IOException {
        return switch (url) {
            case RpcUrl.Tcp tcp -> overStream(tcp.host(), tcp.port(), work);
            case RpcUrl.Unix unix -> {
                if (options.unixPath != null && !options.unixPath.equals(unix.path())) {
                    throw new Errors.UsageException("unix:" + unix.path() + " and --unix " + options.unixPath
                            + " name two sockets: give one");
                }
                options.unixPath = unix.path();
                yield overStream(Host.parse("localhost"), DEFAULT_PORT, work);
            }
            case RpcUrl.Http http -> work.run((method, params) -> options.talkHttp(http.url().parsedHost(),
                    http.url().port(), WHO, http.url().tls(), conn -> callOverHttp(conn, http, protocol, method, params)));
        };
    }

    private JsonNode callOverHttp(ClientConnection conn, RpcUrl.Http http, RpcProtocol protocol, String method,
            JsonNode params) throws IOException {
        try {
            return RpcOverHttp.call(conn, http.urlFor(protocol), protocol, method, params, options.timeout,
                    HttpCommand.userAgent());
        } catch (IllegalArgumentException e) {
            // XML-RPC cannot carry every JSON value: an integer beyond 64 bits, text XML cannot hold.
            throw new Errors.UsageException("an argument cannot go in XML-RPC: " + e.getMessage());
        }
    }

    private int overStream(Host host, int port, Work work) throws IOException {
        return options.talk(host, port, WHO, false, conn -> work.run(new RpcClient(conn, options.timeout)::call),
                datagrams -> {
                    throw new IllegalStateException("rpc has no UDP conversation");
                });
    }

    /** The arguments as the call's parameters: an array, or an object with --named. */
    private JsonNode params(List<String> args) {
        if (!named) {
            ArrayNode params = RpcValues.MAPPER.createArrayNode();
            args.forEach(arg -> params.add(RpcCommandLine.value(arg)));
            return params;
        }
        ObjectNode params = RpcValues.MAPPER.createObjectNode();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new Errors.UsageException("with --named each argument is NAME=VALUE, such as a=2, not '" + arg
                        + "'");
            }
            String name = arg.substring(0, equals);
            if (params.has(name)) {
                throw new Errors.UsageException("the argument " + name + " is given twice");
            }
            params.set(name, RpcCommandLine.value(arg.substring(equals + 1)));
        }
        return params;
    }

    /** Prints {@code result} as JSON, indented, as the http service writes its own. */
    private int print(JsonNode result) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(serverText.shown(RpcValues.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result)));
        out.flush();
        return ExitCode.OK.code;
    }

    /**
     * Prints each method the server lists, with its signatures ({@code add(int, int) -> int}) and its
     * help indented below. A server that cannot say a method's signature or help (Python's answers
     * {@code "signatures not supported"}) gets {@code name(...)} and no help line.
     */
    private int list(Caller caller) throws IOException {
        JsonNode names = caller.call("system.listMethods", RpcValues.MAPPER.createArrayNode());
        if (!names.isArray()) {
            throw new ProtocolException(Visible.of("system.listMethods answered " + names + ", not a list of"
                    + " method names"));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (JsonNode name : names) {
            String method = name.isString() ? name.stringValue() : name.toString();
            ArrayNode one = RpcValues.MAPPER.createArrayNode().add(method);
            StringBuilder text = new StringBuilder();
            for (String signature : signatures(method, optional(caller, "system.methodSignature", one))) {
                text.append(signature).append('\n');
            }
            JsonNode help = optional(caller, "system.methodHelp", one);
            if (help != null && help.isString() && !help.stringValue().isBlank()) {
                help.stringValue().strip().lines()
                        .forEach(line -> text.append(line.isBlank() ? "" : "    " + line.strip()).append('\n'));
            }
            out.print(serverText.shown(text.toString()));
            out.flush();
        }
        return ExitCode.OK.code;
    }

    /** The answer to an introspection call that a server may not have; null if it answered an error. */
    private static JsonNode optional(Caller caller, String method, JsonNode params) throws IOException {
        try {
            return caller.call(method, params);
        } catch (RpcErrorException e) {
            return null;
        }
    }

    /** Each signature XML-RPC's introspection gives, {@code [result, param...]}, as {@code name(param, ...) -> result}. */
    static List<String> signatures(String method, JsonNode answer) {
        List<String> lines = new ArrayList<>();
        if (answer != null && answer.isArray()) {
            for (JsonNode signature : answer) {
                if (!signature.isArray() || signature.isEmpty()
                        || !signature.valueStream().allMatch(JsonNode::isString)) {
                    continue;
                }
                StringJoiner params = new StringJoiner(", ", method + "(", ") -> " + signature.get(0).stringValue());
                for (int i = 1; i < signature.size(); i++) {
                    params.add(signature.get(i).stringValue());
                }
                lines.add(params.toString());
            }
        }
        return lines.isEmpty() ? List.of(method + "(...)") : lines;
    }

    /** Tells of the server's RPC error: {@code error CODE: MESSAGE}, then its data as JSON. */
    private int refused(RpcErrorException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(Visible.of("error " + e.code() + ": " + e.getMessage()));
        e.data().ifPresent(data -> err.println(Visible.of(RpcValues.MAPPER.writeValueAsString(data))));
        err.flush();
        return ExitCode.SERVER_REFUSED.code;
    }
}
