package dev.socklab.testing;

import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;

/**
 * Starts socklab servers for a test and stops every one it started once the test is over, with
 * no grace period. Register it on a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ServerUnderTest servers = new ServerUnderTest();
 *
 * Endpoint bound = servers.stream("echo", new EchoService(), transport.endpoint(dir));
 * }</pre>
 *
 * A test may stop a server itself: stopping twice is harmless.
 */
public final class ServerUnderTest implements AfterEachCallback {
    /** Newest first. Concurrent: a test that overruns its timeout may still be starting one. */
    private final Deque<Server> started = new ConcurrentLinkedDeque<>();

    /** Serves {@code service} alone on a TCP or Unix endpoint; returns where it is bound, with the real port. */
    public Endpoint stream(String name, StreamService service, Endpoint endpoint) {
        return start(Server.builder().stream(name, service, endpoint)).bindings().getFirst().endpoint();
    }

    /** Serves {@code service} alone on a UDP endpoint; returns where it is bound, with the real port. */
    public Endpoint datagram(String name, DatagramService service, Endpoint endpoint) {
        return start(Server.builder().datagram(name, service, endpoint)).bindings().getFirst().endpoint();
    }

    /**
     * Builds and starts a server, for tests that need limits, a tracer, a family or several
     * endpoints. A server that fails to start has bound nothing and is not kept.
     */
    public Server start(Server.Builder builder) {
        Server server = builder.build();
        server.start();
        started.addFirst(server);
        return server;
    }

    /** The server started last, for tests that count its connections or stop it themselves. */
    public Server server() {
        Server last = started.peekFirst();
        if (last == null) {
            throw new IllegalStateException("no server started in this test yet");
        }
        return last;
    }

    /** Stops every server started in the test, the newest first. */
    @Override
    public void afterEach(ExtensionContext context) {
        for (Server server = started.pollFirst(); server != null; server = started.pollFirst()) {
            server.stop(Duration.ZERO);
        }
    }
}
