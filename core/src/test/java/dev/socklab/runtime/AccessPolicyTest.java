package dev.socklab.runtime;

import static dev.socklab.testing.AddressLiteral.literal;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import dev.socklab.net.AddressSet;

/** Allow and deny lists judged without sockets: deny wins, no allow list means everyone, mapped is IPv4. */
class AccessPolicyTest {
    @Test
    void denyWinsWhenBothListsMatch() {
        AccessPolicy policy = new AccessPolicy(AddressSet.parse("10.0.0.0/8"), AddressSet.parse("10.0.0.1"));
        assertThat(policy.refusal(literal("10.0.0.1"))).contains("on the deny list");
        assertThat(policy.refusal(literal("10.0.0.2"))).isEmpty();
        assertThat(policy.refusal(literal("192.0.2.1"))).contains("not on the allow list");
    }

    @Test
    void withoutAnAllowListEveryoneNotDeniedMayConnect() {
        AccessPolicy policy = new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("2001:db8::/32"));
        assertThat(policy.refusal(literal("2001:db8::7"))).contains("on the deny list");
        assertThat(policy.refusal(literal("::1"))).isEmpty();
        assertThat(policy.refusal(literal("127.0.0.1"))).isEmpty();
        assertThat(AccessPolicy.EVERYONE.refusal(literal("203.0.113.1"))).isEmpty();
    }

    @Test
    void anIpv4MappedClientIsJudgedAsItsIpv4Address() {
        AccessPolicy policy = new AccessPolicy(AddressSet.parse("::ffff:10.0.0.0/104"), AddressSet.parse("10.0.0.9"));
        assertThat(policy.refusal(literal("::ffff:10.0.0.1"))).isEmpty();
        assertThat(policy.refusal(literal("::ffff:10.0.0.9"))).contains("on the deny list");
        assertThat(policy.refusal(literal("10.0.0.9"))).contains("on the deny list");
    }

    @Test
    void anIpv6SourceIsItsSlash64AndAMappedOneItsIpv4Address() {
        assertThat(SourceKey.of(literal("2001:db8:1:2:aaaa::1"))).isEqualTo(literal("2001:db8:1:2::"));
        assertThat(SourceKey.of(literal("::ffff:192.0.2.1"))).isEqualTo(literal("192.0.2.1"));
        assertThat(SourceKey.of(literal("192.0.2.1"))).isEqualTo(literal("192.0.2.1"));
    }
}
