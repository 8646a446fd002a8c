package dev.socklab.services.ftp;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.testing.ServerUnderTest;

/** The ftp service as the tests run it: a root, two accounts and anonymous access, on 127.0.0.1. */
final class TestFtp {
    /** May write. */
    static final String WRITER = "alice";
    /** May only read. */
    static final String READER = "bob";
    /** Both accounts' password. */
    static final String PASSWORD = "s3cret pass";

    private static final Map<String, FtpAccount> ACCOUNTS = Map.of(WRITER, new FtpAccount(WRITER, true),
            READER, new FtpAccount(READER, false));

    private TestFtp() {
    }

    /** alice (writes), bob (reads), both with {@link #PASSWORD}, and anonymous. */
    static Accounts accounts() {
        Accounts file = (user, password) -> Arrays.equals(password, PASSWORD.toCharArray())
                ? Optional.ofNullable(ACCOUNTS.get(user)) : Optional.empty();
        return file.withAnonymous();
    }

    /** The settings over {@code root}, with a short pause after the last failed login. */
    static FtpSettings settings(Path root) {
        return settings(root, UploadLimits.DEFAULTS);
    }

    static FtpSettings settings(Path root, UploadLimits limits) {
        return FtpSettings.of(FileRoot.of(root, "--ftp-root", limits), accounts())
                .withFailedLoginDelay(Duration.ofMillis(300));
    }

    /** Serves {@code settings} on 127.0.0.1; where. */
    static InetSocketAddress serve(ServerUnderTest servers, FtpSettings settings) {
        return serve(servers, Server.builder(), settings);
    }

    /** Serves {@code settings} on 127.0.0.1 with the server's settings in {@code builder}; where. */
    static InetSocketAddress serve(ServerUnderTest servers, Server.Builder builder, FtpSettings settings) {
        Server server = servers.start(builder.stream("ftp", new FtpService(settings),
                Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0))));
        return (InetSocketAddress) server.bindings().getFirst().endpoint().address();
    }
}
