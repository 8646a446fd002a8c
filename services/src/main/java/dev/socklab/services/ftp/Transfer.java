package dev.socklab.services.ftp;

import java.io.IOException;

import dev.socklab.service.DataConnection;
import dev.socklab.services.storage.StorageException;

/**
 * The steps every command that uses a data connection takes (RFC 959 section 5.4): 150, the data
 * connection opened (accepted or connected, and its TLS handshake under PROT P), the work, the data
 * connection closed, 226. No data connection prepared or none within the wait: 425. The data
 * connection broken: 426, and it is reset. A refused store: the storage's own reply. The control
 * connection is never touched by the work, so its failures end the session as they should.
 */
final class Transfer {
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
        try {
            work.run(data);
            data.close();
        } catch (StorageException e) {
            data.abort();
            session.refuse(e);
            return false;
        } catch (IOException e) {
            data.abort();
            session.reply().send(426, "Connection closed; transfer aborted.");
            return false;
        } finally {
            session.transfers().decrementAndGet();
        }
        session.reply().send(226, "Transfer complete.");
        return true;
    }
}
