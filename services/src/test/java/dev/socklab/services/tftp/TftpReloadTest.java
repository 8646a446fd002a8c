package dev.socklab.services.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.PortRange;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * A reload of tftp's caps and limits: the runtime asks for the limits on each request, and gets the new
 * ones; an upload that starts after it is held to the new upload limits.
 */
@Tag("no-engine")
@Timeout(30)
class TftpReloadTest {
    @TempDir
    Path root;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theLimitsOnTransfersChange() {
        TftpService service = TftpService.of(settings(root, 256, 8));
        Path elsewhere = root.resolve("elsewhere");

        ServiceReload reload = service.reload(new FreshSettings() {
            @Override
            public TftpSettings tftp() {
                return settings(elsewhere, 4, 1);
            }
        });

        assertThat(reload.changes()).containsExactly("tftp: --tftp-max-transfers: 256 -> 4",
                "tftp: --tftp-max-transfers-per-source: 8 -> 1");
        assertThat(service.maxSessions()).as("before it is applied").isEqualTo(256);
        reload.apply().run();
        assertThat(service.maxSessions()).isEqualTo(4);
        assertThat(service.maxSessionsPerSource()).isEqualTo(1);
    }

    @Test
    void theUploadLimitsChangeForUploadsFromThenOn() throws Exception {
        TftpService service = TftpService.of(writable(UploadLimits.DEFAULTS));
        InetSocketAddress server = (InetSocketAddress) servers.datagram("tftp", service, StreamTransport.udp(false))
                .address();
        try (TftpTestClient client = new TftpTestClient(server)) {
            client.put("before.bin", new byte[1500], "octet");
        }

        ServiceReload reload = service.reload(new FreshSettings() {
            @Override
            public TftpSettings tftp() {
                return writable(new UploadLimits(1000, 10_000));
            }
        });
        assertThat(reload.changes()).containsExactly(
                "tftp: --tftp-max-upload: " + UploadLimits.DEFAULTS.maxUploadBytes() + " -> 1000",
                "tftp: --tftp-quota-per-source: " + UploadLimits.DEFAULTS.maxBytesPerSource() + " -> 10000");
        reload.apply().run();

        try (TftpTestClient client = new TftpTestClient(server)) {
            assertThatThrownBy(() -> client.put("after.bin", new byte[1500], "octet")).isInstanceOfSatisfying(
                    TftpTestClient.TransferFailed.class, e -> assertThat(e.code).isEqualTo(3));
        }
        try (TftpTestClient client = new TftpTestClient(server)) {
            client.put("small.bin", new byte[900], "octet");
        }
        assertThat(root.resolve("after.bin")).doesNotExist();
        assertThat(root.resolve("small.bin")).hasSize(900);
    }

    private TftpSettings writable(UploadLimits limits) {
        return new TftpSettings(root, true, true, TftpSettings.DEFAULT_MAX_BLOCK_SIZE,
                TftpSettings.DEFAULT_MAX_WINDOW_SIZE, 256, 8, PortRange.ANY, limits);
    }

    private static TftpSettings settings(Path root, int transfers, int perSource) {
        return new TftpSettings(root, false, false, TftpSettings.DEFAULT_MAX_BLOCK_SIZE,
                TftpSettings.DEFAULT_MAX_WINDOW_SIZE, transfers, perSource, PortRange.ANY, UploadLimits.DEFAULTS);
    }
}
