package dev.socklab.services.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.net.PortRange;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** 10% loss and 10% duplication each way on loopback: every file still arrives byte for byte, both ways. */
@Timeout(120)
class TftpFaultTest {
    private static final double LOSS = 0.10;
    private static final double DUPLICATION = 0.10;
    /** 40 blocks of 512 and a short one. */
    private static final int SIZE = 40 * 512 + 100;

    @TempDir
    Path root;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    InetSocketAddress server;

    @BeforeEach
    void serve() {
        TftpSettings settings = new TftpSettings(root, true, true, 1468, 16, 256, 8, PortRange.ANY, UploadLimits.DEFAULTS);
        Endpoint bound = servers.datagram("tftp", TftpService.of(settings), StreamTransport.udp(false));
        server = (InetSocketAddress) bound.address();
    }

    @ParameterizedTest(name = "windowsize {0}")
    @ValueSource(ints = {1, 8})
    void aGetThroughLossAndDuplicationDeliversEveryByte(int window) throws Exception {
        byte[] content = TftpServiceTest.bytes(SIZE);
        Files.write(root.resolve("get.bin"), content);
        try (LossyUdpProxy proxy = LossyUdpProxy.start(server, LOSS, DUPLICATION, 16 + window);
             TftpTestClient client = new TftpTestClient(proxy.address())) {
            assertThat(client.get("get.bin", "octet", "windowsize", Integer.toString(window), "timeout", "1"))
                    .isEqualTo(content);
            assertThat(proxy.dropped()).isPositive();
            assertThat(proxy.duplicated()).isPositive();
        }
    }

    @ParameterizedTest(name = "windowsize {0}")
    @ValueSource(ints = {1, 8})
    void aPutThroughLossAndDuplicationStoresEveryByte(int window) throws Exception {
        byte[] content = TftpServiceTest.bytes(SIZE + window);
        try (LossyUdpProxy proxy = LossyUdpProxy.start(server, LOSS, DUPLICATION, 32 + window);
             TftpTestClient client = new TftpTestClient(proxy.address())) {
            client.put("put.bin", content, "octet", "windowsize", Integer.toString(window), "timeout", "1");
            assertThat(proxy.dropped()).isPositive();
            assertThat(proxy.duplicated()).isPositive();
        }
        // The last ACK comes only once the file is committed.
        assertThat(root.resolve("put.bin")).hasBinaryContent(content);
    }
}
