package dev.socklab.runtime;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

import dev.socklab.net.AddressSet;

/**
 * Who may connect: an allow list and a deny list of addresses and CIDR blocks, as xinetd's
 * {@code only_from} and {@code no_access} and ncat's {@code --allow} and {@code --deny}. A client
 * on the deny list is refused even if the allow list names it too (deny wins); an empty allow list
 * lets everyone in who is not denied. An IPv4-mapped IPv6 client ({@code ::ffff:10.0.0.1}) is
 * judged as its IPv4 address. Unix-socket clients have no address and are not judged: the socket
 * file's permissions say who may connect there.
 *
 * @param allow who may connect; empty for everyone
 * @param deny who may not, whatever the allow list says
 */
public record AccessPolicy(AddressSet allow, AddressSet deny) {
    /** No allow list, no deny list: everyone. */
    public static final AccessPolicy EVERYONE = new AccessPolicy(AddressSet.EMPTY, AddressSet.EMPTY);

    public AccessPolicy {
        Objects.requireNonNull(allow);
        Objects.requireNonNull(deny);
    }

    /** Why {@code client} may not connect, or empty if it may. */
    public Optional<String> refusal(InetAddress client) {
        if (deny.contains(client)) {
            return Optional.of("on the deny list");
        }
        if (!allow.isEmpty() && !allow.contains(client)) {
            return Optional.of("not on the allow list");
        }
        return Optional.empty();
    }

    /** Whether this policy lets everyone in. */
    public boolean isEveryone() {
        return allow.isEmpty() && deny.isEmpty();
    }
}
