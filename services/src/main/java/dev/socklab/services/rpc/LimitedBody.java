package dev.socklab.services.rpc;

import java.io.IOException;
import java.util.Optional;

import dev.socklab.http.BadBodyException;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;

/**
 * An RPC request's body, read no further than the RPC limit and a byte, whatever the http service's
 * own body limit allows. Past the limit it is a 413 thrown as a body that cannot be read, so that the
 * service answers it and closes the connection rather than reading the rest away: a
 * {@code Content-Length} over the limit is refused before a byte of the body is read, a chunked body
 * as soon as it passes the limit.
 */
final class LimitedBody {
    private LimitedBody() {
    }

    /**
     * The body of {@code exchange}'s request, a {@code what} (e.g. "JSON-RPC request") of at most
     * {@code limit} bytes.
     *
     * @throws BadBodyException 413 when it is longer
     */
    static byte[] read(Exchange exchange, int limit, String what) throws IOException, HttpException {
        // The service has checked Content-Length: a number, or a list of the same number ("5, 5").
        Optional<String> length = exchange.request().fields().first("Content-Length")
                .map(value -> value.split(",", 2)[0].strip());
        if (length.isPresent() && Long.parseLong(length.get()) > limit) {
            throw tooLarge(what, length.get(), limit);
        }
        byte[] body = exchange.bodyStream().readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge(what, "more than " + limit, limit);
        }
        return body;
    }

    private static BadBodyException tooLarge(String what, String length, int limit) {
        return new BadBodyException(new HttpException(413, "the " + what + " is " + length
                + " bytes, more than the " + limit + " this server takes: send it in parts"));
    }
}
