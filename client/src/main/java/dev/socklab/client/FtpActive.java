package dev.socklab.client;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

import dev.socklab.net.SocketAddresses;

/**
 * The command that tells an FTP server where to open an active-mode data connection: {@code PORT
 * 127,0,0,1,156,64} for an IPv4 address (RFC 959 §4.1.2: the address's four bytes, then the port's
 * high byte and low byte), {@code EPRT |2|::1|40000|} for an IPv6 one (RFC 2428 §2), which PORT
 * cannot carry.
 */
final class FtpActive {
    private FtpActive() {
    }

    /** PORT or EPRT naming {@code listening}, by its address's family. */
    static String command(InetSocketAddress listening) {
        int port = listening.getPort();
        if (listening.getAddress() instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            return "PORT " + (b[0] & 0xff) + "," + (b[1] & 0xff) + "," + (b[2] & 0xff) + "," + (b[3] & 0xff) + ","
                    + (port >> 8) + "," + (port & 0xff);
        }
        // RFC 5952's short form, without a zone (%eth0): RFC 2428 has no room for one, and the server knows its link.
        String address = SocketAddresses.format(listening.getAddress());
        int scope = address.indexOf('%');
        return "EPRT |2|" + (scope < 0 ? address : address.substring(0, scope)) + "|" + port + "|";
    }
}
