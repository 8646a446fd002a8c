package dev.socklab.services.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.socklab.http.Fields;
import dev.socklab.services.http.Exchange;

/** What the admin listener's reports answer to a method other than GET or HEAD: they change nothing. */
final class ReadOnly {
    private ReadOnly() {
    }

    /** Whether {@code exchange} asked for something other than GET or HEAD, and was answered 405. */
    static boolean refused(Exchange exchange) throws IOException {
        if (exchange.request().method().equals("GET") || exchange.headOnly()) {
            return false;
        }
        exchange.respond(405, Fields.of("Content-Type", "text/plain; charset=utf-8").with("Allow", "GET, HEAD"),
                "GET or HEAD\n".getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
