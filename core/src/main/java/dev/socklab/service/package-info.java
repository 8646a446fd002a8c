/**
 * The service API: what a socklab service is given, and all it may do.
 *
 * <p>A service is straight-line socket code. The runtime accepts the connection, runs the service
 * in a virtual thread of its own, applies the timeouts and limits, logs and traces every call,
 * and closes the connection when {@code serve} returns or throws. A service never opens a socket,
 * starts a thread, closes the connection or catches an {@link java.io.IOException} just to give
 * up: it lets it propagate, and the runtime records how the connection ended.
 *
 * <p>A complete service, an upper-casing line echo that works unchanged over TCP (IPv4 and IPv6)
 * and Unix sockets, and over UDP one datagram at a time:
 *
 * <pre>{@code
 * final class ShoutService implements StreamService, DatagramService {
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
 * }
 *
 * // Serve it on TCP port 4000 of the loopback address, and on UDP beside it:
 * ShoutService shout = new ShoutService();
 * InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000);
 * Server server = Server.builder()
 *         .stream("shout", shout, Endpoint.tcp(address))
 *         .datagram("shout", shout, Endpoint.udp(address))
 *         .build();
 * server.start();                    // binds every endpoint, or throws CannotBindException
 * server.awaitStopped();             // until server.stop(grace) is called
 * }</pre>
 *
 * <p>{@code printf 'hi\n' | nc localhost 4000} then prints {@code HI}.
 */
package dev.socklab.service;
