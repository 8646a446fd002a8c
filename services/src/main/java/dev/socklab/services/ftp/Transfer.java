package dev.socklab.services.ftp;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import dev.socklab.service.Connection;
import dev.socklab.service.DataConnection;
import dev.socklab.services.storage.StorageException;

/**
 * The steps every command that uses a data connection takes (RFC 959 section 5.4): 150, the data
 * connection opened (accepted or connected, and its TLS handshake under PROT P), the work, the data
 * connection closed, 226. No data connection prepared or none within the wait: 425. The data
 * connection broken: 426, and it is reset. A refused store: the storage's own reply.
 *
 * <p>While the work runs (on its own thread, {@link RunningTransfer}), the control connection is
 * looked at every {@link #WATCH}. ABOR resets the data connection: 426 for the transfer, then 226
 * for the ABOR (RFC 959 section 4.1.3); if the transfer had completed first, 226 twice. Any other
 * command is held and answered after the transfer's reply, as if read then, and nothing more is
 * read until then: QUIT waits for the transfer, as RFC 959 says it must.
 */
final class Transfer {
    /** The longest an ABOR waits to be read during a transfer; the transfer's own end is seen at once. */
    private static final Duration WATCH = Duration.ofMillis(200);

    /** What a transfer does over its data connection. */
    @FunctionalInterface
    interface Work {
        void run(DataConnection data) throws IOException;
    }

    private Transfer() {
    }

    /** Runs {@code work} between 150 {@code opening} and 226: whether it completed. */
    static boolean run(Session session, String opening, Work work) throws IOException {
        if (!session.data().prepared()) {
            session.reply().send(425, "Use PORT or PASV first.");
            return false;
        }
        session.reply().send(150, opening);
        DataConnection data;
        try {
            data = session.data().open(session.control(), session.privateData(), session.settings().dataWait());
        } catch (IOException e) {
            session.reply().send(425, "Failed to establish connection: " + e.getMessage());
            return false;
        }
        session.transfers().incrementAndGet();
        boolean aborted;
        IOException failure = null;
        try {
            RunningTransfer running = RunningTransfer.start(data, work);
            try {
                aborted = watch(session, running);
            } catch (IOException | RuntimeException | Error e) {
                // The control connection failed: the transfer ends with it, before its file is closed.
                running.stop();
                throw e;
            }
            try {
                running.outcome();
            } catch (IOException e) {
                failure = e;
            }
        } finally {
            // Before the reply: a client that has read it finds the transfer over.
            session.transfers().decrementAndGet();
        }
        boolean done = answer(session, failure, aborted);
        if (aborted) {
            session.reply().send(226, "ABOR successful.");
        }
        return done;
    }

    /**
     * Waits for the transfer's end, looking at the control connection every {@link #WATCH}: whether
     * ABOR came (and reset the data connection).
     */
    private static boolean watch(Session session, RunningTransfer running) throws IOException {
        Connection control = session.control();
        while (!running.awaitEnd(WATCH)) {
            if (!control.awaitReadable(Duration.ZERO)) {
                continue;
            }
            Optional<String> line = control.readLine();
            if (line.isEmpty()) {
                // The client closed the control connection: the transfer ends on its own, then the session.
                return false;
            }
            FtpCommand command = FtpCommand.parse(line.get());
            if (command.verb().equals("ABOR")) {
                control.log().debug("{} during a transfer", command.shown());
                running.abort();
                return true;
            }
            session.hold(line.get());
            return false;
        }
        return false;
    }

    /** The transfer's reply, once it has ended with {@code failure} (null for none): whether it completed. */
    private static boolean answer(Session session, IOException failure, boolean aborted) throws IOException {
        if (failure instanceof StorageException refused) {
            session.refuse(refused);
        } else if (failure != null) {
            session.reply().send(426, aborted ? "Transfer aborted by ABOR." : "Connection closed; transfer aborted.");
        } else {
            session.reply().send(226, "Transfer complete.");
        }
        return failure == null;
    }
}
