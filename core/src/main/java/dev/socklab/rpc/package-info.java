/**
 * Remote procedure calls: JSON-RPC 2.0 and XML-RPC from one {@link dev.socklab.rpc.MethodTable}, with no
 * protocol code in the methods.
 *
 * <p><b>A method</b> is a name, a one-line help text, the type it returns, its parameters (each a
 * {@link dev.socklab.rpc.Param}: a name and a Java type) and a function of the call's
 * {@link dev.socklab.rpc.Arguments} and {@link dev.socklab.rpc.CallContext}. The table maps each call's arguments
 * (by position, a JSON array or XML-RPC's params; or by name, a JSON object) to the parameters' types with
 * {@link dev.socklab.rpc.RpcValues#MAPPER} before the function runs, strictly: a string is no number, a float no
 * integer, a record's unknown member an error, and every parameter is required; what does not fit is the caller's
 * error, -32602. The function runs in the connection's own virtual thread and is held to the call's deadline
 * ({@link dev.socklab.rpc.RpcLimits#deadline()}): the thread is interrupted then, so a function that waits (a
 * sleep, a lock, I/O of its own) ends there, and the caller gets -32000; one that computes without waiting gets
 * -32000 when it returns, so a long computation should look at {@link dev.socklab.rpc.CallContext#remaining()}. It
 * throws an {@link dev.socklab.rpc.RpcException} to answer with an error of its choosing; anything else it throws
 * is -32603, logged. The table answers XML-RPC's introspection ({@code system.listMethods},
 * {@code system.methodHelp}, {@code system.methodSignature}) itself, on every transport.
 *
 * <p><b>Values.</b> Records and maps are JSON objects and XML-RPC structs; lists and arrays are arrays; the JDK's
 * integers, {@code double}, {@code boolean} and {@code String} are what they are in both; {@code byte[]} is base64
 * text in JSON and {@code base64} in XML-RPC; {@code java.time} values are ISO 8601 text in JSON and
 * {@code dateTime.iso8601} in XML-RPC (which has no zone); null is JSON's {@code null}, and XML-RPC's
 * {@code <nil/>} only with {@link dev.socklab.rpc.RpcLimits#allowNone()}, as Python's {@code allow_none}; a long
 * beyond 32 bits is a fault over XML-RPC, as Python's marshaller has it. A parameter of type
 * {@code JsonNode} takes any value as it came.
 *
 * <p><b>Transports.</b> {@link dev.socklab.rpc.JsonRpc} answers JSON-RPC 2.0 text (calls, notifications, batches)
 * and {@link dev.socklab.rpc.XmlRpc} XML-RPC documents (with {@code system.multicall}), each within
 * {@link dev.socklab.rpc.RpcLimits}; {@link dev.socklab.rpc.JsonRpcService} serves JSON-RPC over a stream socket,
 * one JSON text a line, so that {@code nc} can call it; with the services module, {@code JsonRpcRoute} and
 * {@code XmlRpcRoute} (package {@code dev.socklab.services.rpc}) serve {@code POST /jsonrpc} and
 * {@code POST /RPC2} on an {@code HttpService}. The same table serves all three, as {@code socklab serve}'s
 * {@code rpc} service does with its built-in methods (docs/services.md).
 *
 * <p>A complete program: a method with a record parameter and a record result that holds a {@code LocalDate},
 * served over TCP and over HTTP on loopback until Enter. README.md's "Writing a service" shows the same code
 * and how to run it: it needs socklab-core, socklab-services, Jackson and slf4j-api to compile, and a Logback at
 * run time for the connection log.
 *
 * <pre>{@code
 * import java.io.IOException;
 * import java.net.InetAddress;
 * import java.net.InetSocketAddress;
 * import java.time.Duration;
 * import java.time.LocalDate;
 * import java.util.List;
 *
 * import dev.socklab.rpc.JsonRpc;
 * import dev.socklab.rpc.JsonRpcService;
 * import dev.socklab.rpc.MethodTable;
 * import dev.socklab.rpc.Param;
 * import dev.socklab.rpc.RpcException;
 * import dev.socklab.rpc.RpcLimits;
 * import dev.socklab.rpc.XmlRpc;
 * import dev.socklab.runtime.Endpoint;
 * import dev.socklab.runtime.Server;
 * import dev.socklab.services.http.HttpService;
 * import dev.socklab.services.http.HttpSettings;
 * import dev.socklab.services.http.Router;
 * import dev.socklab.services.rpc.JsonRpcRoute;
 * import dev.socklab.services.rpc.XmlRpcRoute;
 *
 * // A library's loans as a remote procedure with no protocol code: one table of methods, served as JSON-RPC over
 * // TCP, one JSON text a line, and as JSON-RPC (POST /jsonrpc) and XML-RPC (POST /RPC2) over HTTP.
 * public final class LoanService {
 *     // What a caller sends and gets back: a JSON object, an XML-RPC struct. A LocalDate is ISO text in JSON, a
 *     // dateTime.iso8601 in XML-RPC.
 *     public record Loan(String title, int weeks) {
 *     }
 *
 *     public record Due(String title, LocalDate due) {
 *     }
 *
 *     public static void main(String[] args) throws IOException {
 *         int port = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
 *         int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 4080;
 *         Param<Loan> loan = Param.of("loan", Loan.class);
 *         MethodTable methods = new MethodTable()
 *                 .add("loan.due", "Says when a loan of some weeks from today is due back.", Due.class, List.of(loan),
 *                         (call, context) -> {
 *                             Loan asked = call.get(loan);     // already a Loan: error -32602 to the caller if not
 *                             if (asked.weeks() < 1) {
 *                                 throw RpcException.invalidParams("a loan is for a week or more");
 *                             }
 *                             return new Due(asked.title(), LocalDate.now().plusWeeks(asked.weeks()));
 *                         });
 *         JsonRpc json = new JsonRpc(methods, RpcLimits.DEFAULTS);
 *         Router http = new Router()
 *                 .exact("/jsonrpc", new JsonRpcRoute(json))
 *                 .exact("/RPC2", new XmlRpcRoute(new XmlRpc(methods, RpcLimits.DEFAULTS)));
 *         InetAddress loopback = InetAddress.getLoopbackAddress();
 *         Server server = Server.builder()
 *                 .stream("loans", new JsonRpcService(json), Endpoint.tcp(new InetSocketAddress(loopback, port)))
 *                 .stream("loans-http", new HttpService(HttpSettings.defaults(), http),
 *                         Endpoint.tcp(new InetSocketAddress(loopback, httpPort)))
 *                 .build();
 *         server.start();
 *         server.bindings().forEach(binding -> System.out.println(binding.service() + " on " + binding.endpoint()));
 *         System.out.println("Press Enter to stop.");
 *         System.in.read();
 *         server.stop(Duration.ofSeconds(5));
 *     }
 * }
 * }</pre>
 */
package dev.socklab.rpc;
