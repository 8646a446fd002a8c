package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.ServerUnderTest;

/**
 * A directory of 20,000 names over LIST, NLST and MLSD: each sent as the directory is read (which
 * {@code DirectoryListingTest} holds), every visible name once, in its format, nothing hidden.
 */
@Timeout(60)
class FtpLargeListingTest {
    private static final int MANY = 20_000;
    private static final Pattern LS_FILE =
            Pattern.compile("-rw-r--r-- +1 ftp +ftp +0 \\w{3} \\d\\d (?:\\d\\d:\\d\\d| \\d{4}) (.+)");
    private static final Pattern MLSD_FILE = Pattern.compile("type=file;size=0;modify=\\d{14};perm=r; (.+)");

    @TempDir
    Path root;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void listNlstAndMlsdSendEveryVisibleNameOnce() throws Exception {
        Path big = Files.createDirectory(root.resolve("big"));
        Set<String> made = new HashSet<>();
        for (int i = 0; i < MANY; i++) {
            made.add(Files.createFile(big.resolve("f%05d".formatted(i))).getFileName().toString());
        }
        Files.createFile(big.resolve(".hidden"));
        Files.createFile(big.resolve(".upload-0123456789abcdef.part"));
        Files.createSymbolicLink(big.resolve("link"), big.resolve("f00000"));
        InetSocketAddress server = TestFtp.serve(servers, TestFtp.settings(root));
        try (FtpTestClient client = FtpTestClient.connect(server)) {
            assertThat(client.login(TestFtp.READER, TestFtp.PASSWORD).code()).isEqualTo(230);
            assertEachOnce("NLST", FtpTestClient.lines(client.listing("NLST big")), made);
            assertEachOnce("LIST", names(client.listing("LIST big"), LS_FILE), made);
            assertEachOnce("MLSD", names(client.listing("MLSD big"), MLSD_FILE), made);
        }
    }

    /** {@code listed} holds each of {@code made} once and nothing else (AssertJ's any-order match is quadratic). */
    private static void assertEachOnce(String command, List<String> listed, Set<String> made) {
        assertThat(listed).as(command).hasSize(made.size());
        assertThat(new HashSet<>(listed)).as(command).isEqualTo(made);
    }

    /** The name in each line of {@code listing}, every line matching {@code format}. */
    private static List<String> names(String listing, Pattern format) throws Exception {
        return FtpTestClient.lines(listing).stream().map(line -> {
            Matcher m = format.matcher(line);
            assertThat(m.matches()).as("a line as the format says: %s", line).isTrue();
            return m.group(1);
        }).toList();
    }
}
