package dev.socklab.services.http.endpoints;

import java.io.InterruptedIOException;
import java.time.Duration;

/** The waits of the slow endpoints ({@code /delay}, {@code /drip}, {@code /sse}): a virtual thread's sleep, which holds no carrier. */
final class Pause {
    private Pause() {
    }

    /** Sleeps {@code seconds}; an interrupt (the server force-closing) ends the request. */
    static void seconds(double seconds) throws InterruptedIOException {
        try {
            Thread.sleep(Duration.ofNanos((long) (seconds * 1e9)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting");
        }
    }
}
