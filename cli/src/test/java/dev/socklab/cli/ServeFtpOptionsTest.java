package dev.socklab.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** serve's ftp flags: each mistake is one sentence and exit code 2, said before anything is bound. */
@Timeout(30)
class ServeFtpOptionsTest {
    @TempDir
    Path dir;

    @Test
    void ftpNamedWithoutItsRootAsksForOne() {
        CommandRun.of("serve", "ftp:0").failedWith(ExitCode.USAGE, "ftp needs --ftp-root DIR");
    }

    @Test
    void ftpIsNotServedOnAUnixSocket() {
        CommandRun.of("serve", "ftp:unix:" + dir.resolve("ftp.sock"), "--ftp-root", dir.toString())
                .failedWith(ExitCode.USAGE, "ftp is not served over unix");
    }

    @Test
    void aPassiveAddressMustBeAnIpv4Literal() {
        CommandRun.of("serve", "ftp:0", "--ftp-root", dir.toString(), "--ftp-pasv-address", "::1")
                .failedWith(ExitCode.USAGE, "--ftp-pasv-address takes an IPv4 address");
        CommandRun.of("serve", "ftp:0", "--ftp-root", dir.toString(), "--ftp-pasv-address", "example.com")
                .failedWith(ExitCode.USAGE, "--ftp-pasv-address takes an IPv4 address");
    }

    @Test
    void aPassivePortRangeMustBeOne() {
        CommandRun.of("serve", "ftp:0", "--ftp-root", dir.toString(), "--ftp-pasv-ports", "60000-50000")
                .failedWith(ExitCode.USAGE, "--ftp-pasv-ports: port range 60000-50000 is not valid");
    }

    @Test
    void aRootThatIsNotADirectoryIsNamed() {
        CommandRun.of("serve", "ftp:0", "--ftp-root", dir.resolve("missing").toString())
                .failedWith(ExitCode.USAGE, "--ftp-root");
    }
}
