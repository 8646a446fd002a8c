package dev.socklab.websocket;

/**
 * Which end of a WebSocket connection this is. A client masks every frame it sends and the server
 * masks none (RFC 6455 §5.1); each end fails a connection whose frames are masked the wrong way.
 */
public enum Role {
    /** The end that accepted the connection: reads masked frames, writes unmasked ones. */
    SERVER,
    /** The end that opened the connection: reads unmasked frames, writes masked ones. */
    CLIENT;

    /** Whether this end masks the frames it writes. */
    boolean masks() {
        return this == CLIENT;
    }

    /** Whether the frames this end reads must be masked. */
    boolean readsMasked() {
        return this == SERVER;
    }
}
