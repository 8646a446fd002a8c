package dev.socklab.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Objects;
import java.util.Set;

import dev.socklab.net.AddressSet;
import dev.socklab.runtime.SettingException;

/**
 * A service's PROXY protocol setting ({@code --proxy-protocol}, {@code --proxy-trust}): which
 * versions of the header its connections must start with, and which senders may send one. Never
 * guessed: a service with a policy requires the header of every connection, and serves no one
 * else; a service without one never reads a header.
 *
 * @param versions the versions accepted: {@code v1}, {@code v2}, or both ({@code any})
 * @param trusted the proxies' addresses
 * @param trustUnix whether a connection over a Unix socket may send one ({@code unix:} in the trust list)
 */
public record ProxyPolicy(Set<ProxyVersion> versions, AddressSet trusted, boolean trustUnix) {
    /** Checks that the policy admits someone. */
    public ProxyPolicy {
        versions = Set.copyOf(versions);
        Objects.requireNonNull(trusted, "trusted");
        if (versions.isEmpty()) {
            throw new SettingException("--proxy-protocol needs v1, v2 or any");
        }
        if (trusted.isEmpty() && !trustUnix) {
            throw new SettingException("--proxy-protocol needs --proxy-trust: the proxies' addresses (CIDR, or unix:)");
        }
    }

    /** Whether {@code sender}, the connection's address on the wire, may send a header. */
    public boolean trusts(SocketAddress sender) {
        if (sender instanceof InetSocketAddress inet) {
            return trusted.contains(inet.getAddress());
        }
        return sender instanceof UnixDomainSocketAddress && trustUnix;
    }
}
