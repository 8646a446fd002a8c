package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FamilyTest {

    @ParameterizedTest(name = "{0} admits {1}: {2}")
    @CsvSource({
        "ANY,  127.0.0.1, true",
        "ANY,  ::1,       true",
        "IPV4, 127.0.0.1, true",
        "IPV4, ::1,       false",
        "IPV6, 127.0.0.1, false",
        "IPV6, ::1,       true",
    })
    void familyAdmitsOnlyTheIpVersionsItAllows(Family family, String literal, boolean admitted)
            throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal); // a literal: no lookup

        assertThat(family.admits(address)).isEqualTo(admitted);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void ipv4MappedAddressCountsAsIpv4BecauseTheJdkMakesItOne(Family family) throws UnknownHostException {
        InetAddress mapped = InetAddress.getByName("::ffff:192.0.2.1");

        assertThat(family.admits(mapped)).isEqualTo(family != Family.IPV6);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void nullAddressIsRejected(Family family) {
        assertThatNullPointerException().isThrownBy(() -> family.admits(null));
    }
}
