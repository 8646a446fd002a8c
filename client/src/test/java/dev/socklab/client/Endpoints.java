package dev.socklab.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.List;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.runtime.Endpoint;
import dev.socklab.trace.Tracer;

/** Clients for the endpoints a socklab server is bound to. */
final class Endpoints {
    private Endpoints() {
    }

    /** A stream connection to a TCP or Unix endpoint. */
    static ClientConnection connect(Endpoint endpoint, Duration timeout, Tracer tracer, String who)
            throws IOException {
        if (endpoint.address() instanceof UnixDomainSocketAddress path) {
            return ClientConnection.connect(path, timeout, tracer, who);
        }
        InetSocketAddress address = (InetSocketAddress) endpoint.address();
        return ClientConnection.connect(address.getHostString(), address.getPort(), List.of(address), timeout, tracer,
                who);
    }

    /** A UDP socket that talks to an IPv4 loopback UDP endpoint. */
    static DatagramClient open(Endpoint endpoint, Tracer tracer, String who) throws IOException {
        int port = ((InetSocketAddress) endpoint.address()).getPort();
        return DatagramClient.open(Host.parse("127.0.0.1"), port, Family.IPV4, tracer, who);
    }
}
