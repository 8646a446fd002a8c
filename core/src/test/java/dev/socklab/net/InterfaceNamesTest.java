package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The interface names behind a {@code %zone}: the same answers as {@link NetworkInterface#getByName},
 * from one listing of the machine's interfaces a second however many requests name a zone, and no
 * more names held than the machine has interfaces, whatever names come.
 */
class InterfaceNamesTest {
    private final AtomicInteger listings = new AtomicInteger();
    private long now;
    private final InterfaceNames names = new InterfaceNames(() -> {
        listings.incrementAndGet();
        return NetworkInterface.networkInterfaces().toList();
    }, () -> now);

    @Test
    void answersAsGetByNameDoesForEveryInterfaceAndForAMissingOne() throws SocketException {
        List<NetworkInterface> all = NetworkInterface.networkInterfaces().toList();
        assertThat(all).isNotEmpty();
        for (NetworkInterface nif : all) {
            assertThat(names.get(nif.getName())).isEqualTo(NetworkInterface.getByName(nif.getName()));
        }
        assertThat(names.get("nosuchif9")).isNull();
        assertThat(NetworkInterface.getByName("nosuchif9")).isNull();
    }

    @Test
    void manyRequestsWithZonesCostOneListingAnIntervalAndHoldOnlyTheMachinesInterfaces() throws SocketException {
        int interfaces = NetworkInterface.networkInterfaces().mapToInt(n -> 1 + (int) n.subInterfaces().count()).sum();
        for (int i = 0; i < 10_000; i++) {
            names.get(i % 2 == 0 ? "lo" : "nosuchif" + i);
        }
        assertThat(listings).as("listings for 10,000 lookups within the interval").hasValue(1);
        assertThat(names.size()).isEqualTo(interfaces);

        now += InterfaceNames.REFRESH_NANOS;
        names.get("lo");
        assertThat(listings).as("read again once the interval has passed").hasValue(2);
        assertThat(names.size()).isEqualTo(interfaces);
    }
}
