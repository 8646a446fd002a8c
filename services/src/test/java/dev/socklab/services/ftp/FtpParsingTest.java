package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The parts of the protocol that need no socket: commands, times, facts and ls lines. */
class FtpParsingTest {
    @Test
    void aCommandIsItsVerbInUpperCaseAndTheRestOfTheLineAsSent() {
        assertThat(FtpCommand.parse("retr  two spaces.txt ")).isEqualTo(new FtpCommand("RETR", " two spaces.txt "));
        assertThat(FtpCommand.parse("noop")).isEqualTo(new FtpCommand("NOOP", ""));
    }

    @Test
    void aPasswordIsNeverShown() {
        assertThat(FtpCommand.parse("PASS hunter2").shown()).isEqualTo("PASS ****").doesNotContain("hunter2");
        assertThat(FtpCommand.parse("pass hunter2").shown()).doesNotContain("hunter2");
    }

    @Test
    void timesAreRfc3659sInUtcAndFractionsAreDropped() {
        FileTime time = FileTime.from(Instant.parse("2026-12-06T19:42:07.5Z"));
        assertThat(FtpTime.format(time)).isEqualTo("20261206194207");
        assertThat(FtpTime.parse("20261206194207.123")).contains(FileTime.from(Instant.parse("2026-12-06T19:42:07Z")));
        assertThat(FtpTime.parse("2026120619420")).isEmpty();
        assertThat(FtpTime.parse("20261306194207")).isEmpty();
        assertThat(FtpTime.parse("2026120619420x")).isEmpty();
    }

    @Test
    void optsMlstKeepsTheKnownFactsInTheirOrder() {
        Facts facts = Facts.select("perm;Size;unknown;");
        assertThat(facts.selected()).isEqualTo("size;perm;");
        assertThat(facts.feature()).isEqualTo("MLST type;size*;modify;perm*;");
        assertThat(Facts.ALL.feature()).isEqualTo("MLST type*;size*;modify*;perm*;");
    }

    @Test
    void factsOfAFileAndADirectory() {
        assertThat(Facts.ALL.line("a.txt", attributes(false, 12, "2026-01-02T03:04:05Z"), false))
                .isEqualTo("type=file;size=12;modify=20260102030405;perm=r; a.txt");
        assertThat(Facts.ALL.line("pub", attributes(true, 4096, "2026-01-02T03:04:05Z"), true))
                .isEqualTo("type=dir;modify=20260102030405;perm=elcmfdp; pub");
    }

    @Test
    void lsLinesAreVsftpdsWithTheYearForOldFiles() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        assertThat(LsFormat.line("a.txt", attributes(false, 1234, "2026-12-01T08:30:00Z"), now))
                .isEqualTo("-rw-r--r--    1 ftp      ftp          1234 Dec 01 08:30 a.txt");
        assertThat(LsFormat.line("old", attributes(true, 4096, "2020-03-04T08:30:00Z"), now))
                .isEqualTo("drwxr-xr-x    2 ftp      ftp          4096 Mar 04  2020 old");
    }

    @Test
    void listOptionsAreDroppedFromThePath() {
        assertThat(ListingCommands.withoutOptions("-la /pub")).isEqualTo("/pub");
        assertThat(ListingCommands.withoutOptions("-a")).isEmpty();
        assertThat(ListingCommands.withoutOptions("pub")).isEqualTo("pub");
    }

    @Test
    void aQuotedPathDoublesItsQuotes() {
        assertThat(Replies.quoted("/a \"b\"")).isEqualTo("\"/a \"\"b\"\"\"");
    }

    private static BasicFileAttributes attributes(boolean dir, long size, String modified) {
        FileTime time = FileTime.from(Instant.parse(modified));
        return new BasicFileAttributes() {
            @Override
            public FileTime lastModifiedTime() {
                return time;
            }

            @Override
            public FileTime lastAccessTime() {
                return time;
            }

            @Override
            public FileTime creationTime() {
                return time;
            }

            @Override
            public boolean isRegularFile() {
                return !dir;
            }

            @Override
            public boolean isDirectory() {
                return dir;
            }

            @Override
            public boolean isSymbolicLink() {
                return false;
            }

            @Override
            public boolean isOther() {
                return false;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public Object fileKey() {
                return null;
            }
        };
    }
}
