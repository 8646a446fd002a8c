package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.ServerUnderTest;

/**
 * A reload of ftp's upload limits and accounts: a client logged in before it keeps its session and
 * is held to the new limits from its next upload; a login from then on is checked against the new accounts.
 */
@Timeout(30)
class FtpReloadTest {
    private static final byte[] CONTENT = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theUploadLimitsChangeForTheSessionsAlreadyOpen() throws IOException {
        FtpService service = new FtpService(TestFtp.settings(root));
        InetSocketAddress at = serve(service);
        try (FtpTestClient client = FtpTestClient.connect(at)) {
            assertThat(client.login(TestFtp.WRITER, TestFtp.PASSWORD).code()).isEqualTo(230);
            assertThat(client.store("STOR before.bin", CONTENT).code()).isEqualTo(226);

            ServiceReload reload = service.reload(fresh(new UploadLimits(100, 1L << 30), TestFtp.accounts()));
            assertThat(reload.changes()).containsExactly("ftp: --ftp-max-upload: " + UploadLimits.DEFAULTS.maxUploadBytes()
                    + " -> 100", "ftp: --ftp-quota-per-source: " + UploadLimits.DEFAULTS.maxBytesPerSource()
                    + " -> 1073741824");
            assertThat(client.store("STOR between.bin", CONTENT).code()).as("before it is applied").isEqualTo(226);
            reload.apply().run();

            assertThat(client.store("STOR after.bin", CONTENT).code()).isEqualTo(552);
            assertThat(root.resolve("after.bin")).doesNotExist();
            assertThat(client.store("STOR small.bin", new byte[50]).code()).as("the session goes on").isEqualTo(226);
        }
    }

    @Test
    void aLowerQuotaCountsWhatTheSourceStoredBefore() throws IOException {
        FtpService service = new FtpService(TestFtp.settings(root));
        InetSocketAddress at = serve(service);
        try (FtpTestClient client = FtpTestClient.connect(at)) {
            assertThat(client.login(TestFtp.WRITER, TestFtp.PASSWORD).code()).isEqualTo(230);
            assertThat(client.store("STOR first.bin", CONTENT).code()).isEqualTo(226);
            service.reload(fresh(new UploadLimits(1L << 30, 1500), TestFtp.accounts())).apply().run();

            assertThat(client.store("STOR second.bin", CONTENT).code()).isEqualTo(552);
            assertThat(client.store("STOR third.bin", new byte[400]).code()).isEqualTo(226);
        }
    }

    @Test
    void theAccountsChangeForLoginsFromThenOnAndTheUsersFileReadIsSaid() throws IOException {
        FtpService service = new FtpService(TestFtp.settings(root));
        InetSocketAddress at = serve(service);
        Path users = root.resolve("users");
        Accounts carolOnly = Accounts.readFrom(users, (user, password) -> user.equals("carol")
                && Arrays.equals(password, "pw".toCharArray()) ? Optional.of(new FtpAccount("carol", true)) : Optional.empty());
        try (FtpTestClient before = FtpTestClient.connect(at)) {
            assertThat(before.login(TestFtp.WRITER, TestFtp.PASSWORD).code()).isEqualTo(230);
            ServiceReload reload = service.reload(fresh(UploadLimits.DEFAULTS, carolOnly.withAnonymous()));
            // Nothing else differs, yet the accounts were swapped: the reload says the file was read, not nothing.
            assertThat(reload.changes()).containsExactly("ftp: --ftp-users: accounts re-read from " + users);
            reload.apply().run();

            assertThat(before.store("STOR kept.bin", CONTENT).code()).as("a session logged in keeps going").isEqualTo(226);
            try (FtpTestClient alice = FtpTestClient.connect(at)) {
                assertThat(alice.login(TestFtp.WRITER, TestFtp.PASSWORD).code()).isEqualTo(530);
            }
            try (FtpTestClient carol = FtpTestClient.connect(at)) {
                assertThat(carol.login("carol", "pw").code()).isEqualTo(230);
            }
        }
    }

    private InetSocketAddress serve(FtpService service) {
        Server server = servers.start(Server.builder().stream("ftp", service,
                Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0))));
        return (InetSocketAddress) server.bindings().getFirst().endpoint().address();
    }

    /** What {@code socklab serve} would give: the same root, made again with {@code limits}, and {@code accounts}. */
    private FreshSettings fresh(UploadLimits limits, Accounts accounts) {
        return new FreshSettings() {
            @Override
            public FtpSettings ftp() {
                return FtpSettings.of(FileRoot.of(root, "--ftp-root", limits), accounts);
            }
        };
    }
}
