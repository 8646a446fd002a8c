package dev.socklab.runtime;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;

/** The small services the runtime's behaviour tests serve. */
final class TestServices {
    /** What {@link #greeting()} sends, before its CRLF. */
    static final String GREETING = "Hello World!";

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
