package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.socklab.net.AddressSet;

/** A service's own limits travel with it as one value, checked when they are made and when they are registered. */
class ServiceLimitsTest {
    private static final Endpoint TCP = Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0));
    private static final Endpoint UDP = Endpoint.udp(new InetSocketAddress("127.0.0.1", 0));
    private static final ServiceLimits CLOSED = ServiceLimits.NONE.withAccess(
            new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("127.0.0.2")));

    @Test
    void aConnectionLimitBelowOneIsASettingError() {
        assertThatThrownBy(() -> ServiceLimits.NONE.withMaxConnections(0))
                .isInstanceOf(SettingException.class)
                .hasMessage("a service's connection limit must be at least 1, not 0");
    }

    @Test
    void anIdleTimeoutThatIsNotPositiveIsASettingError() {
        assertThatThrownBy(() -> ServiceLimits.NONE.withIdleTimeout(Duration.ZERO))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining("idle timeout must be positive");
    }

    @Test
    void theEndpointsOfOneServiceMayShareTheirLimits() {
        Server.Builder builder = Server.builder()
                .stream("both", TestServices.shout(), TCP, CLOSED)
                .datagram("both", TestServices.DATAGRAM_ECHO, UDP, CLOSED);
        assertThat(builder.build()).isNotNull();
    }

    @Test
    void theEndpointsOfOneServiceWithOtherLimitsAreRefusedAtOnce() {
        Server.Builder builder = Server.builder().stream("both", TestServices.shout(), TCP, CLOSED);
        assertThatThrownBy(() -> builder.datagram("both", TestServices.DATAGRAM_ECHO, UDP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("both: every endpoint of a service is held to the same limits");
    }
}
