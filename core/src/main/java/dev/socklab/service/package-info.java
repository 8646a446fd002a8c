/**
 * The service API: what a socklab service is given, and all it may do.
 *
 * <p>A service is straight-line socket code. The runtime accepts the connection, runs the service
 * in a virtual thread of its own, applies the timeouts and limits, logs and traces every call,
 * and closes the connection when {@code serve} returns or throws. A service never opens a socket,
 * starts a thread, closes the connection or catches an {@link java.io.IOException} just to give
 * up: it lets it propagate, and the runtime records how the connection ended.
 *
 * <p>A complete program: a service, an upper-casing line echo that works unchanged over TCP (IPv4
 * and IPv6) and Unix sockets, and over UDP one datagram at a time, and a {@code main} that serves
 * it on loopback until Enter. README.md's "Writing a service" shows the same code, and says what
 * it needs: socklab-core and slf4j-api to compile, and a Logback at run time for the connection log.
 *
 * <pre>{@code
 * import java.io.IOException;
 * import java.net.InetAddress;
 * import java.net.InetSocketAddress;
 * import java.time.Duration;
 * import java.util.Locale;
 * import java.util.Optional;
 *
 * import dev.socklab.net.SocketAddresses;
 * import dev.socklab.runtime.Endpoint;
 * import dev.socklab.runtime.Server;
 * import dev.socklab.service.Connection;
 * import dev.socklab.service.Datagram;
 * import dev.socklab.service.DatagramService;
 * import dev.socklab.service.StreamService;
 *
 * // An upper-casing line echo, over TCP (IPv4 and IPv6) and Unix sockets, and over UDP a datagram at a time.
 * public final class ShoutService implements StreamService, DatagramService {
 *     @Override
 *     public void serve(Connection conn) throws IOException {
 *         conn.log().info("client is {}", SocketAddresses.format(conn.peer()));
 *         Optional<String> line;
 *         while ((line = conn.readLine()).isPresent()) {      // empty at EOF: the client closed
 *             conn.writeLine(line.get().toUpperCase(Locale.ROOT));
 *         }
 *     }
 *
 *     @Override
 *     public void serve(Datagram datagram) throws IOException {
 *         datagram.reply(datagram.text().toUpperCase(Locale.ROOT));
 *     }
 *
 *     // Serves it on TCP and UDP port 4000 of the loopback address (or the port given) until Enter.
 *     public static void main(String[] args) throws IOException {
 *         int port = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
 *         ShoutService shout = new ShoutService();
 *         InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
 *         Server server = Server.builder()
 *                 .stream("shout", shout, Endpoint.tcp(address))
 *                 .datagram("shout", shout, Endpoint.udp(address))
 *                 .build();
 *         server.start();                         // binds every endpoint, or throws CannotBindException
 *         server.bindings().forEach(binding -> System.out.println("shout on " + binding.endpoint()));
 *         System.out.println("Press Enter to stop.");
 *         System.in.read();
 *         server.stop(Duration.ofSeconds(5));     // closes the listeners, then gives open connections 5 s
 *     }
 * }
 * }</pre>
 *
 * <p>{@code printf 'hi\n' | nc localhost 4000} then prints {@code HI}.
 */
package dev.socklab.service;
