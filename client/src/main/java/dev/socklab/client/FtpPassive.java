package dev.socklab.client;

import java.net.ProtocolException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data port in a passive-mode reply: EPSV's {@code 229 ... (|||40000|)} (RFC 2428 §3) or PASV's
 * {@code 227 ... (127,0,0,1,156,64)} (RFC 959). Only the port is used: the data connection goes to
 * the control connection's address, whatever address PASV names, as curl does by default, so a
 * server cannot send the client elsewhere.
 */
final class FtpPassive {
    private static final Pattern EPSV = Pattern.compile("\\((.)\\1\\1(\\d{1,5})\\1\\)");
    private static final Pattern PASV = Pattern.compile(
            "(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");

    private FtpPassive() {
    }

    /** The port in a 229 reply's text. */
    static int epsvPort(FtpReply reply) throws ProtocolException {
        Matcher m = EPSV.matcher(reply.text());
        if (!m.find()) {
            throw new ProtocolException("the server's EPSV reply names no port: " + reply);
        }
        return checked(Integer.parseInt(m.group(2)), reply);
    }

    /** The port in a 227 reply's text: the last two numbers, high byte first. */
    static int pasvPort(FtpReply reply) throws ProtocolException {
        Matcher m = PASV.matcher(reply.text());
        if (!m.find()) {
            throw new ProtocolException("the server's PASV reply names no address and port: " + reply);
        }
        int high = Integer.parseInt(m.group(5));
        int low = Integer.parseInt(m.group(6));
        if (high > 255 || low > 255) {
            throw new ProtocolException("the server's PASV reply names no port: " + reply);
        }
        return checked(high * 256 + low, reply);
    }

    private static int checked(int port, FtpReply reply) throws ProtocolException {
        if (port < 1 || port > 65535) {
            throw new ProtocolException("the server's passive reply names port " + port + ", which cannot be"
                    + " connected to: " + reply);
        }
        return port;
    }
}
