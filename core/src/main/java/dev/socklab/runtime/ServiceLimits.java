package dev.socklab.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import dev.socklab.proxy.ProxyPolicy;

/**
 * What one service is held to besides the server's own settings, registered with the service
 * ({@link Server.Builder#stream(String, dev.socklab.service.StreamService, Endpoint, ServiceLimits)}),
 * so that every setting of a service travels with it as one value.
 *
 * @param access who may connect, on top of the server's policy: a client must pass both, so a deny
 *     on either refuses it; {@link AccessPolicy#EVERYONE} for the server's alone
 * @param maxConnections connections the service may serve at once, within the server's limit (past
 *     it a client is told so in one line and closed); empty for the server's limit alone
 * @param sourceLimits how much one source may take of the service, instead of the server's
 *     per-source limits; empty for the server's
 * @param idleTimeout how long the service's clients may stay quiet, instead of the server's idle
 *     timeout and of any the service asks for itself; empty for those
 * @param proxy the PROXY protocol header every connection must start with, and who may send it;
 *     empty for none (the connection's own address is the client's)
 */
public record ServiceLimits(AccessPolicy access, OptionalInt maxConnections, Optional<SourceLimits> sourceLimits,
                            Optional<Duration> idleTimeout, Optional<ProxyPolicy> proxy) {
    /** Nothing of its own: the service is held to the server's settings alone. */
    public static final ServiceLimits NONE = new ServiceLimits(AccessPolicy.EVERYONE, OptionalInt.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    /** Rejects a limit that would refuse every client or close every connection at once. */
    public ServiceLimits {
        Objects.requireNonNull(access);
        Objects.requireNonNull(sourceLimits);
        Objects.requireNonNull(proxy);
        if (maxConnections.isPresent() && maxConnections.getAsInt() < 1) {
            throw new SettingException("a service's connection limit must be at least 1, not "
                    + maxConnections.getAsInt());
        }
        if (idleTimeout.isPresent() && (idleTimeout.get().isNegative() || idleTimeout.get().isZero())) {
            throw new SettingException("a service's idle timeout must be positive, not " + idleTimeout.get());
        }
    }

    /** These limits with another access policy. */
    public ServiceLimits withAccess(AccessPolicy value) {
        return new ServiceLimits(value, maxConnections, sourceLimits, idleTimeout, proxy);
    }

    /** These limits with a connection limit of the service's own. */
    public ServiceLimits withMaxConnections(int value) {
        return new ServiceLimits(access, OptionalInt.of(value), sourceLimits, idleTimeout, proxy);
    }

    /** These limits with per-source limits of the service's own. */
    public ServiceLimits withSourceLimits(SourceLimits value) {
        return new ServiceLimits(access, maxConnections, Optional.of(value), idleTimeout, proxy);
    }

    /** These limits with an idle timeout of the service's own. */
    public ServiceLimits withIdleTimeout(Duration value) {
        return new ServiceLimits(access, maxConnections, sourceLimits, Optional.of(value), proxy);
    }

    /** These limits with a PROXY protocol policy: every connection must start with a header from a trusted proxy. */
    public ServiceLimits withProxy(ProxyPolicy value) {
        return new ServiceLimits(access, maxConnections, sourceLimits, idleTimeout, Optional.of(value));
    }
}
