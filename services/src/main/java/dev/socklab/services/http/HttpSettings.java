package dev.socklab.services.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The http service's settings, each a {@code socklab serve} option.
 *
 * @param root the directory whose files are served ({@code --http-root}); none: no files
 * @param upload whether {@code PUT} may write into the root ({@code --http-upload})
 * @param maxRequestLine the longest request line, with its CRLF ({@code --http-max-request-line}): 414 past it
 * @param maxHeadBytes the most bytes of header fields, each with its CRLF ({@code --http-max-head}): 431 past it
 * @param maxFields the most header fields ({@code --http-max-fields}): 431 past it
 * @param maxBody the longest request body ({@code --http-max-body}): 413 past it
 * @param headTimeout how long each request's head may take to arrive, from its first byte or, on a
 *     kept-alive connection, from the end of the previous response ({@code --http-head-timeout})
 * @param requestTimeout how long one whole request, body included, may take to arrive ({@code --http-request-timeout})
 * @param keepAliveTimeout how long a kept-alive connection may wait for its next request ({@code --http-keep-alive})
 * @param wsMaxMessage the longest WebSocket message, its fragments together ({@code --ws-max-message})
 */
public record HttpSettings(Optional<Path> root, boolean upload, int maxRequestLine, int maxHeadBytes, int maxFields,
        long maxBody, Duration headTimeout, Duration requestTimeout, Duration keepAliveTimeout, int wsMaxMessage) {
    /** The defaults: go-httpbin's limits (16 KiB of fields, 1 MiB bodies, 10 s per request head). */
    public static HttpSettings defaults() {
        return new HttpSettings(Optional.empty(), false, 8 * 1024, 16 * 1024, 100, 1024 * 1024,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 1024 * 1024);
    }
}
