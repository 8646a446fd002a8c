package dev.socklab.services.ftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import dev.socklab.service.Connection;
import dev.socklab.service.DataConnection;
import dev.socklab.service.DataListener;

/**
 * The data connection the last PASV, EPSV, PORT or EPRT prepared: a listening socket waiting for the
 * client (passive), or the client's address to connect to (active). A transfer takes it once: each
 * data connection carries one transfer, and the next needs a new PASV or PORT, as in vsftpd.
 */
final class DataChannel {
    private Optional<DataListener> passive = Optional.empty();
    private Optional<InetSocketAddress> active = Optional.empty();

    /** Passive mode on {@code listener}, in place of whatever was prepared. */
    void listen(DataListener listener) throws IOException {
        forget();
        passive = Optional.of(listener);
    }

    /** Active mode to {@code target}, in place of whatever was prepared. */
    void connectTo(InetSocketAddress target) throws IOException {
        forget();
        active = Optional.of(target);
    }

    boolean prepared() {
        return passive.isPresent() || active.isPresent();
    }

    /**
     * Opens the data connection prepared, within {@code wait}: accepts the client's, or connects to it.
     *
     * @param tls whether it speaks TLS (PROT P); the handshake is part of opening it
     * @throws IOException if none came or the connect or handshake failed; nothing is prepared any more
     */
    DataConnection open(Connection control, boolean tls, Duration wait) throws IOException {
        try {
            if (passive.isPresent()) {
                return passive.get().accept(wait, tls);
            }
            return control.connectForData(active.orElseThrow(), tls, wait);
        } finally {
            forget();
        }
    }

    /** Closes a listening socket that was prepared, and forgets an active address. */
    void forget() throws IOException {
        Optional<DataListener> listener = passive;
        passive = Optional.empty();
        active = Optional.empty();
        if (listener.isPresent()) {
            listener.get().close();
        }
    }
}
