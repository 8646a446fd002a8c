package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.socklab.net.AddressException;
import dev.socklab.testing.AddressLiteral;

/** FTP's URL, reply codes and passive replies, read in memory. */
class FtpWordsTest {
    @Test
    void aUrlGivesItsUserPasswordPortAndPathDecoded() {
        FtpUrl url = FtpUrl.parse("ftp://ada:p%40ss%3Aword@[::1]:10021/dir/a%20b.txt");
        assertThat(url).isEqualTo(new FtpUrl("::1", 10021, Optional.of("ada"), Optional.of("p@ss:word"),
                "dir/a b.txt", false));
        assertThat(url.fileName()).isEqualTo("a b.txt");
        assertThat(url.toString()).isEqualTo("ftp://ada@[::1]:10021/dir/a b.txt").doesNotContain("word");
        assertThat(FtpUrl.parse("ftp://localhost").port()).isEqualTo(21);
        assertThat(FtpUrl.parse("ftp://localhost/").path()).isEmpty();
    }

    @Test
    void anFtpsUrlIsImplicitTlsOnPort990UnlessItNamesOne() {
        FtpUrl url = FtpUrl.parse("FTPS://localhost/a.txt");
        assertThat(url.implicitTls()).isTrue();
        assertThat(url.port()).isEqualTo(990);
        assertThat(url.toString()).isEqualTo("ftps://localhost/a.txt");
        assertThat(FtpUrl.parse("ftps://localhost:10021/a.txt").toString()).isEqualTo("ftps://localhost:10021/a.txt");
        assertThat(FtpUrl.parse("ftps://localhost:21/").toString()).isEqualTo("ftps://localhost:21/");
        assertThat(FtpUrl.parse("ftp://localhost:990/").implicitTls()).isFalse();
    }

    @Test
    void aUrlThatWouldSmuggleACommandIsRefused() {
        assertThatThrownBy(() -> FtpUrl.parse("ftp://localhost/a%0d%0aDELE%20b")).isInstanceOf(AddressException.class)
                .hasMessageContaining("line end or NUL");
        assertThatThrownBy(() -> FtpUrl.parse("http://localhost/")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> FtpUrl.parse("sftp://localhost/")).isInstanceOf(AddressException.class)
                .hasMessageContaining("or ftps:// for implicit TLS");
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

    @Test
    void activeModeNamesItsPortWithPortForIpv4AndEprtForIpv6() {
        assertThat(FtpActive.command(new InetSocketAddress(AddressLiteral.literal("127.0.0.1"), 40000)))
                .isEqualTo("PORT 127,0,0,1,156,64");
        assertThat(FtpActive.command(new InetSocketAddress(AddressLiteral.literal("192.168.200.1"), 1023)))
                .isEqualTo("PORT 192,168,200,1,3,255");
        assertThat(FtpActive.command(new InetSocketAddress(AddressLiteral.literal("::1"), 40000)))
                .isEqualTo("EPRT |2|::1|40000|");
        assertThat(FtpActive.command(new InetSocketAddress(AddressLiteral.literal("fe80::1%1"), 40000)))
                .isEqualTo("EPRT |2|fe80::1|40000|");
    }

    private static FtpReply reply(int code, String line) {
        return new FtpReply(code, List.of(line));
    }
}
