package dev.socklab.services.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.PortRange;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.storage.UploadLimits;

/** A reload of tftp's caps and limits: the runtime asks for the limits on each request, and gets the new ones. */
@Tag("no-engine")
class TftpReloadTest {
    @TempDir
    Path root;

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

    private static TftpSettings settings(Path root, int transfers, int perSource) {
        return new TftpSettings(root, false, false, TftpSettings.DEFAULT_MAX_BLOCK_SIZE,
                TftpSettings.DEFAULT_MAX_WINDOW_SIZE, transfers, perSource, PortRange.ANY, UploadLimits.DEFAULTS);
    }
}
