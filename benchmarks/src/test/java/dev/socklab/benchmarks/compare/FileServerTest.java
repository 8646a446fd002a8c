package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines and configuration each server of the file-transfer comparison gets: no process started. */
class FileServerTest {
    @TempDir
    Path dir;

    @Test
    void socklabServesBothProtocolsFromOneDirectoryOnTheChosenPortsOfLoopback() throws Exception {
        Launch launch = Launch.of(dir, dir.resolve("socklab.jar"), new Pinning(0, 1, ""), Duration.ZERO);

        List<String> command = FileServer.SOCKLAB.command(launch, dir, Path.of("/t/served"), 40069, 40021);

        assertThat(command).startsWith("taskset", "-c", "0").containsSubsequence("-jar", dir.resolve("socklab.jar").toString(),
                "serve", "tftp:40069", "ftp:40021", "--bind", "127.0.0.1", "--tftp-root", "/t/served", "--ftp-root",
                "/t/served", "--ftp-anonymous");
    }

    @Test
    void vsftpdServesAnonymousReadOnlyInTheForegroundAsItsOwnUser() {
        String conf = FileServer.vsftpdConf(Path.of("/t/served"), 40021, Path.of("/t/vsftpd.log"));

        assertThat(conf.lines()).contains("listen_address=127.0.0.1", "listen_port=40021", "background=NO",
                "run_as_launching_user=YES", "anonymous_enable=YES", "anon_root=/t/served", "write_enable=NO",
                "port_enable=NO", "vsftpd_log_file=/t/vsftpd.log");
        assertThat(conf).doesNotContain("use_sendfile");
    }

    @Test
    void theCaseFilesAreNamedAndSizedAsAskedAndTheScratchDirectoryGoesAway() throws Exception {
        List<FileCase> cases = FileCase.all(1, 2, 3);
        Path made;
        try (ScratchFiles files = ScratchFiles.create()) {
            made = files.dir();
            files.write(cases);
            assertThat(cases).extracting(FileCase::label).containsExactly("TFTP 1 MiB, blksize 1468, windowsize 1",
                    "TFTP 2 MiB, blksize 1468, windowsize 16", "FTP RETR 3 MiB, passive, binary");
            for (FileCase c : cases) {
                assertThat(Files.size(files.served().resolve(c.file()))).isEqualTo(c.bytes());
            }
            assertThat(Files.size(files.served().resolve(ScratchFiles.PROBE))).isEqualTo(3000);
            assertThat(Files.mismatch(files.served().resolve(cases.get(0).file()), files.served().resolve(cases.get(1).file())))
                    .as("files of different seeds").isNotEqualTo(-1L);
        }
        assertThat(made).doesNotExist();
    }
}
