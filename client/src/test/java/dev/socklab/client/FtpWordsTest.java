package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.socklab.net.AddressException;

/** FTP's URL, reply codes and passive replies, read in memory. */
class FtpWordsTest {
    @Test
    void aUrlGivesItsUserPasswordPortAndPathDecoded() {
        FtpUrl url = FtpUrl.parse("ftp://ada:p%40ss%3Aword@[::1]:10021/dir/a%20b.txt");
        assertThat(url).isEqualTo(new FtpUrl("::1", 10021, Optional.of("ada"), Optional.of("p@ss:word"),
                "dir/a b.txt"));
        assertThat(url.fileName()).isEqualTo("a b.txt");
        assertThat(url.toString()).isEqualTo("ftp://ada@[::1]:10021/dir/a b.txt").doesNotContain("word");
        assertThat(FtpUrl.parse("ftp://localhost").port()).isEqualTo(21);
        assertThat(FtpUrl.parse("ftp://localhost/").path()).isEmpty();
    }

    @Test
    void aUrlThatWouldSmuggleACommandIsRefused() {
        assertThatThrownBy(() -> FtpUrl.parse("ftp://localhost/a%0d%0aDELE%20b")).isInstanceOf(AddressException.class)
                .hasMessageContaining("line end or NUL");
        assertThatThrownBy(() -> FtpUrl.parse("http://localhost/")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> FtpUrl.parse("ftps://localhost/")).hasMessageContaining("add --tls");
    }

    @Test
    void replyCodesAndMultiLineEnds() {
        assertThat(FtpReply.codeOf("220 ready")).isEqualTo(220);
        assertThat(FtpReply.codeOf("211-Features:")).isEqualTo(211);
        assertThat(FtpReply.codeOf("226")).isEqualTo(226);
        assertThat(FtpReply.codeOf("2200 no")).isEqualTo(-1);
        assertThat(FtpReply.codeOf("099 low")).isEqualTo(-1);
        assertThat(FtpReply.codeOf(" MDTM")).isEqualTo(-1);
        assertThat(FtpReply.ends("211 End", 211)).isTrue();
        assertThat(FtpReply.ends("211-more", 211)).isFalse();
        assertThat(FtpReply.ends("212 End", 211)).isFalse();
    }

    @Test
    void passiveRepliesGiveTheirPort() throws ProtocolException {
        assertThat(FtpPassive.epsvPort(reply(229, "229 Entering Extended Passive Mode (|||40000|)")))
                .isEqualTo(40000);
        assertThat(FtpPassive.pasvPort(reply(227, "227 Entering Passive Mode (127,0,0,1,156,64).")))
                .isEqualTo(40000);
        assertThatThrownBy(() -> FtpPassive.pasvPort(reply(227, "227 Entering Passive Mode (127,0,0,1,300,1)")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> FtpPassive.epsvPort(reply(229, "229 (|||0|)")))
                .isInstanceOf(ProtocolException.class);
    }

    private static FtpReply reply(int code, String line) {
        return new FtpReply(code, List.of(line));
    }
}
