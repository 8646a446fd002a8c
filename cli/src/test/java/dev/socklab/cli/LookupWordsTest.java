package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How {@code socklab arp} and {@code rarp} tell the server from the addresses to look up. */
class LookupWordsTest {
    @Test
    void addressesAloneAreAllRequestsToLocalhost() {
        assertThat(LookupCommand.Words.of(List.of("10.0.0.1", "10.0.0.9", "fe80::2"), 10001))
                .isEqualTo(new LookupCommand.Words("localhost", 10001, List.of("10.0.0.1", "10.0.0.9", "fe80::2")));
    }

    @Test
    void anAddressBeforeAnotherIsARequestNeverTheServer() {
        // Were 10.0.0.1 taken for the host, the client would connect to it.
        assertThat(LookupCommand.Words.of(List.of("10.0.0.1", "10.0.0.9"), 10001).host()).isEqualTo("localhost");
    }

    @Test
    void hostAndPortNumberComeFirst() {
        assertThat(LookupCommand.Words.of(List.of("127.0.0.1", "3001", "10.0.0.1", "0A:0B:0C:0D"), 10001))
                .isEqualTo(new LookupCommand.Words("127.0.0.1", 3001, List.of("10.0.0.1", "0A:0B:0C:0D")));
    }

    @Test
    void hostAndPortWithNothingAfterThemReadStandardInput() {
        assertThat(LookupCommand.Words.of(List.of("::1", "3001"), 10001).requests()).isEmpty();
    }

    @Test
    void oneWordIsARequest() {
        assertThat(LookupCommand.Words.of(List.of("3001"), 10001))
                .isEqualTo(new LookupCommand.Words("localhost", 10001, List.of("3001")));
    }
}
