package dev.socklab.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The sending half of a relay: copies an input stream to the connection, then shuts down the
 * sending side at the input's EOF, so that the server finishes and closes. Runs in its own thread
 * because reading the input may block for as long as a person takes to type; its outcome is read
 * by the relay's reading thread.
 */
final class InputSender implements Runnable {
    private static final int CHUNK = 8192;

    private final ClientConnection conn;
    private final InputStream in;
    /** Written before {@link #finished}, so a reader that sees finished sees them too. */
    private volatile IOException inputFailure;
    private volatile IOException sendFailure;
    private volatile boolean finished;

    InputSender(ClientConnection conn, InputStream in) {
        this.conn = conn;
        this.in = in;
    }

    @Override
    public void run() {
        try {
            copy();
        } finally {
            finished = true;
        }
    }

    /** Whether sending has ended: all input sent and the sending side shut down, or a failure. */
    boolean finished() {
        return finished;
    }

    /** Why the input could not be read, or null. */
    IOException inputFailure() {
        return inputFailure;
    }

    /** Why sending stopped early, the input's failure first, or null. */
    IOException failure() {
        IOException input = inputFailure;
        return input != null ? input : sendFailure;
    }

    private void copy() {
        byte[] buffer = new byte[CHUNK];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                inputFailure = new IOException("cannot read the input: " + e.getMessage(), e);
                return;
            }
            try {
                if (n < 0) {
                    conn.shutdownOutput();
                    return;
                }
                conn.write(ByteBuffer.wrap(buffer, 0, n));
            } catch (IOException e) {
                sendFailure = e;
                return;
            }
        }
    }
}
