package dev.socklab.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address written as a literal, for tests: no name is ever looked up. */
public final class AddressLiteral {
    private AddressLiteral() {
    }

    /** {@code text}, an IPv4 or IPv6 literal, as an address. */
    public static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text); // a literal: no look-up is made
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
