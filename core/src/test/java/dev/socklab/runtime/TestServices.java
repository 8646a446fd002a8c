package dev.socklab.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;
import dev.socklab.testing.RawClient;

/** The small services the runtime's behaviour tests serve. */
final class TestServices {
    /** What {@link #greeting()} sends, before its CRLF. */
    static final String GREETING = "Hello World!";
    /** Answers each datagram with its own bytes: one reply per request, as big as the request. */
    static final DatagramService DATAGRAM_ECHO = new DatagramService() {
        @Override
        public void serve(Datagram datagram) throws IOException {
            datagram.reply(datagram.payload());
        }

        @Override
        public int maxReplyBytes(int requestBytes) {
            return requestBytes;
        }
    };
    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestServices() {
    }

    /** The package example: each line back in upper case, until the client closes. */
    static StreamService shout() {
        return conn -> {
            Optional<String> line;
            while ((line = conn.readLine()).isPresent()) {
                conn.writeLine(line.get().toUpperCase(Locale.ROOT));
            }
        };
    }

    /** Checks that {@link #shout()} serves {@code client}: a line goes out and comes back in upper case. */
    static void assertShouts(RawClient client) throws IOException {
        client.send("hi\n");
        assertThat(client.readLine(WAIT)).isEqualTo("HI");
    }

    /** Sends {@link #GREETING} and returns without reading: the runtime closes. */
    static StreamService greeting() {
        return conn -> conn.writeLine(GREETING);
    }

    /** Reads one line, answers {@code bye} and returns: a conversation that ends on its own once the client speaks. */
    static StreamService byeAfterOneLine() {
        return conn -> {
            conn.readLine();
            conn.writeLine("bye");
        };
    }

    /** Reads and drops everything until EOF: a connection held open for as long as the client likes. */
    static StreamService sink() {
        return TestServices::drain;
    }

    private static void drain(Connection conn) throws IOException {
        while (conn.readLine().isPresent()) {
            // Nothing to answer.
        }
    }
}
