package dev.socklab.client;

import java.io.IOException;

/** A server's HTTP response that cannot be read as one: a malformed head or chunked body, or a framing that cannot be trusted. */
public final class BadResponseException extends IOException {
    BadResponseException(String message) {
        super(message);
    }
}
