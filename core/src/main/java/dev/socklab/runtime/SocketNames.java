package dev.socklab.runtime;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;

/** The C socket API's names for families and types, so that traces read like the lab's code. */
final class SocketNames {
    private SocketNames() {
    }

    static ProtocolFamily family(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        }
        return StandardProtocolFamily.UNIX;
    }

    static String socketCall(SocketAddress address, boolean stream) {
        String family = switch ((StandardProtocolFamily) family(address)) {
            case INET -> "AF_INET";
            case INET6 -> "AF_INET6";
            case UNIX -> "AF_UNIX";
        };
        return "socket(" + family + ", " + (stream ? "SOCK_STREAM" : "SOCK_DGRAM") + ")";
    }
}
