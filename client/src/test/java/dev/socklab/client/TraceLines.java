package dev.socklab.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.socklab.trace.Tracer;

/** A tracer whose lines a test can read back, from any thread. */
final class TraceLines {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Tracer tracer = Tracer.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    Tracer tracer() {
        return tracer;
    }

    /** The lines traced so far. */
    List<String> lines() {
        // ByteArrayOutputStream is synchronized, and println writes a whole line at once.
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
