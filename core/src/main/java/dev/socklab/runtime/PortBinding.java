package dev.socklab.runtime;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

import dev.socklab.net.PortRange;

/** Binds a socket the runtime opens on a client's behalf (a TFTP transfer, an FTP data port) to a free port of a range. */
final class PortBinding {
    /** One bind attempt; a {@link BindException} means the port is taken and the next is tried. */
    @FunctionalInterface
    interface Binder {
        void bind(InetSocketAddress address) throws IOException;
    }

    private PortBinding() {
    }

    /**
     * Binds {@code address} and a port of {@code ports}, trying them from a random one on, so that the
     * next port is neither predictable nor always the lowest; with {@link PortRange#ANY}, the kernel's.
     *
     * @throws BindException if every port of the range is taken
     */
    static void bind(InetAddress address, PortRange ports, Binder binder) throws IOException {
        if (ports.any()) {
            binder.bind(new InetSocketAddress(address, 0));
            return;
        }
        int size = ports.high() - ports.low() + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            try {
                binder.bind(new InetSocketAddress(address, ports.low() + (start + i) % size));
                return;
            } catch (BindException e) {
                // Taken: the next one.
            }
        }
        throw new BindException("no free port in " + ports + " on " + address.getHostAddress()
                + ": the range is in use; give a wider one");
    }
}
