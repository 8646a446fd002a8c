package dev.socklab.services.hello;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;

/**
 * The lab's greeting server: on accept, send the greeting and close; over UDP, answer every
 * datagram with it. The greeting is sent as one line (CRLF), so that {@code nc} leaves the shell
 * prompt on a line of its own.
 */
public final class HelloService implements StreamService, DatagramService, Reloadable {
    /** What the lab's server says. */
    public static final String DEFAULT_GREETING = "Hello World!";

    /** What it says, swapped whole by a reload; each connection and datagram reads it once. */
    private volatile Greeting greeting;

    /** A greeting service that says {@code greeting}. */
    public HelloService(String greeting) {
        this.greeting = new Greeting(greeting);
    }

    /** The greeting as typed, and as sent: one line. */
    private record Greeting(String text, byte[] line) {
        Greeting(String text) {
            this(text, (Objects.requireNonNull(text) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Takes the greeting anew: connections and datagrams from then on get it. */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        String before = greeting.text();
        String after = fresh.greeting();
        List<String> changes = before.equals(after) ? List.of() : List.of("hello: --greeting: " + before + " -> " + after);
        Greeting next = new Greeting(after);
        return new ServiceReload(changes, () -> greeting = next);
    }

    @Override
    public void serve(Connection connection) throws IOException {
        connection.write(greeting.line());
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        datagram.reply(greeting.line());
    }

    /** The greeting, whatever the request. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return greeting.line().length;
    }
}
