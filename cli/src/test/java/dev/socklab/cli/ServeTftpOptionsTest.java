package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.PortRange;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceInfo;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.services.tftp.TftpSettings;

/** serve's tftp flags: each read into the settings, each checked with one sentence, and the root that tftp needs. */
class ServeTftpOptionsTest {
    private static final ServiceInfo TFTP = ServiceCatalog.find("tftp").orElseThrow();

    @TempDir
    Path dir;

    @Test
    void everyFlagReachesTheSettings() {
        TftpSettings settings = parse("--tftp-root", dir.toString(), "--tftp-create", "--tftp-max-blksize", "65464",
                "--tftp-max-windowsize", "64", "--tftp-max-transfers", "10", "--tftp-max-transfers-per-source", "2",
                "--port-range", "50000-50100", "--tftp-max-upload", "1000", "--tftp-quota-per-source", "5000")
                .serviceOptions.tftp();

        assertThat(settings).isEqualTo(new TftpSettings(dir, true, true, 65464, 64, 10, 2, new PortRange(50000, 50100),
                new UploadLimits(1000, 5000)));
    }

    @Test
    void theDefaultsAreReadOnlyWithTftpdHpasSuggestedBlockSize() {
        TftpSettings settings = parse("--tftp-root", dir.toString()).serviceOptions.tftp();

        assertThat(settings).isEqualTo(new TftpSettings(dir, false, false, 1468, 16, 256, 8, PortRange.ANY,
                UploadLimits.DEFAULTS));
    }

    @Test
    void tftpNamedWithoutARootIsOneSentence() {
        CommandRun.of("serve", "tftp:0").failedWith(ExitCode.USAGE, "tftp needs --tftp-root DIR");
    }

    @Test
    void aCapOutOfItsRfcsRangeIsOneSentence() {
        CommandRun.of("serve", "tftp:0", "--tftp-root", dir.toString(), "--tftp-max-blksize", "7")
                .failedWith(ExitCode.USAGE, "--tftp-max-blksize must be from 8 to 65464, not 7");
        CommandRun.of("serve", "tftp:0", "--tftp-root", dir.toString(), "--tftp-max-windowsize", "0")
                .failedWith(ExitCode.USAGE, "--tftp-max-windowsize must be from 1 to 65535, not 0");
        CommandRun.of("serve", "tftp:0", "--tftp-root", dir.toString(), "--port-range", "60000-50000")
                .failedWith(ExitCode.USAGE, "--port-range", "60000-50000");
    }

    @Test
    void aRootThatIsNoDirectoryIsOneSentence() {
        CommandRun.of("serve", "tftp:0", "--tftp-root", dir.resolve("missing").toString())
                .failedWith(ExitCode.USAGE, "--tftp-root", "missing");
    }

    @Test
    void tftpIsAmongTheDefaultServicesOnlyWithItsRoot() {
        assertThat(parse().servedByDefault(TFTP)).isFalse();
        assertThat(parse("--tftp-root", dir.toString()).servedByDefault(TFTP)).isTrue();
        assertThat(parse().servedByDefault(ServiceCatalog.find("hello").orElseThrow())).isTrue();
    }

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs(args);
        return serve;
    }
}
