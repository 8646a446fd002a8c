package dev.socklab.services.hello;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;

/**
 * The lab's greeting server: on accept, send the greeting and close; over UDP, answer every
 * datagram with it. The greeting is sent as one line (CRLF), so that {@code nc} leaves the shell
 * prompt on a line of its own.
 */
public final class HelloService implements StreamService, DatagramService {
    /** What the lab's server says. */
    public static final String DEFAULT_GREETING = "Hello World!";

    private final byte[] line;

    /** A greeting service that says {@code greeting}. */
    public HelloService(String greeting) {
        this.line = (Objects.requireNonNull(greeting) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void serve(Connection connection) throws IOException {
        connection.write(line);
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        datagram.reply(line);
    }

    /** The greeting, whatever the request. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return line.length;
    }
}
