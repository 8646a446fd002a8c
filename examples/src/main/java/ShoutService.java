// The program of socklab-core's package documentation (dev.socklab.service, and README's "Writing a service"), as it is there.

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;

// An upper-casing line echo, over TCP (IPv4 and IPv6) and Unix sockets, and over UDP a datagram at a time.
public final class ShoutService implements StreamService, DatagramService {
    @Override
    public void serve(Connection conn) throws IOException {
        conn.log().info("client is {}", SocketAddresses.format(conn.peer()));
        Optional<String> line;
        while ((line = conn.readLine()).isPresent()) {      // empty at EOF: the client closed
            conn.writeLine(line.get().toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        datagram.reply(datagram.text().toUpperCase(Locale.ROOT));
    }

    // Serves it on TCP and UDP port 4000 of the loopback address (or the port given) until Enter.
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        ShoutService shout = new ShoutService();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        Server server = Server.builder()
                .stream("shout", shout, Endpoint.tcp(address))
                .datagram("shout", shout, Endpoint.udp(address))
                .build();
        server.start();                         // binds every endpoint, or throws CannotBindException
        server.bindings().forEach(binding -> System.out.println("shout on " + binding.endpoint()));
        System.out.println("Press Enter to stop.");
        System.in.read();
        server.stop(Duration.ofSeconds(5));     // closes the listeners, then gives open connections 5 s
    }
}
