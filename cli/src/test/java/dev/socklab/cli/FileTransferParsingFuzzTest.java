package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.client.FtpUrl;
import dev.socklab.net.AddressException;

/**
 * What socklab ftp reads from its command line, fed any bytes: a URL that can go into FTP
 * commands without ending one early, or one sentence. Runs the committed inputs as a regression
 * test; with {@code JAZZER_FUZZ=1}, fuzzes.
 */
class FileTransferParsingFuzzTest {
    /** {@code socklab ftp get URL}: a user, password and path free of line ends and NUL, or one sentence. */
    @FuzzTest(maxDuration = "30s")
    void ftpUrlGivesNamesWithoutLineEndsOrAnAddressException(byte[] data) {
        FtpUrl url;
        try {
            url = FtpUrl.parse(new String(data, StandardCharsets.UTF_8));
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        assertThat(url.path() + url.user().orElse("") + url.password().orElse("")).doesNotContain("\r", "\n", "\0");
        assertThat(url.port()).isBetween(1, 65535);
    }
}
