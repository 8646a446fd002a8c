package dev.socklab.services.http.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.socklab.http.Fields;
import dev.socklab.services.http.Exchange;

/** The answers that need fields of their own (405's {@code Allow}, 416's {@code Content-Range}): a line of text for a body. */
final class PlainText {
    private PlainText() {
    }

    /** Answers with {@code status}, {@code fields} and {@code line} as the body. */
    static void respond(Exchange exchange, int status, Fields fields, String line) throws IOException {
        exchange.respond(status, fields.with("Content-Type", "text/plain; charset=utf-8"),
                (line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
