package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Server;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/** Explicit TLS, RFC 4217: AUTH TLS, PBSZ, PROT P for the data connections, PROT C back, and AUTH without a certificate. */
@Timeout(30)
class FtpTlsTest {
    @TempDir
    Path root;
    @TempDir
    Path keys;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void authTlsSecuresTheControlConnectionAndProtPTheDataConnections() throws Exception {
        Files.writeString(root.resolve("a.txt"), "over TLS");
        TestCertificates pair = TestCertificates.in(keys);
        InetSocketAddress server = TestFtp.serve(servers, Server.builder().tls(pair.serverTls()), TestFtp.settings(root));
        try (FtpTestClient client = FtpTestClient.connect(server)) {
            assertThat(client.send("FEAT").text()).contains(" AUTH TLS", " PBSZ", " PROT");
            assertThat(client.send("PBSZ 0").code()).as("before AUTH").isEqualTo(503);
            assertThat(client.startTls(pair.clientContext())).isEqualTo(new FtpTestClient.Reply(234, "Proceed with negotiation."));
            assertThat(client.login(TestFtp.WRITER, TestFtp.PASSWORD).code()).isEqualTo(230);
            assertThat(client.send("AUTH TLS").code()).isEqualTo(503);
            assertThat(client.send("PBSZ 0")).isEqualTo(new FtpTestClient.Reply(200, "PBSZ=0"));
            assertThat(client.send("PROT S").code()).isEqualTo(536);
            assertThat(client.send("PROT P").code()).isEqualTo(200);

            Socket data = client.passive();
            assertThat(client.send("RETR a.txt").code()).isEqualTo(150);
            Socket secured = FtpTestClient.secured(data, pair.clientContext());
            assertThat(((SSLSocket) secured).getSession().getProtocol()).startsWith("TLSv1.");
            assertThat(FtpTestClient.readAll(secured)).asString().isEqualTo("over TLS");
            assertThat(client.reply().code()).isEqualTo(226);

            Socket upload = client.passive();
            assertThat(client.send("STOR b.txt").code()).isEqualTo(150);
            FtpTestClient.writeAll(FtpTestClient.secured(upload, pair.clientContext()), "stored over TLS".getBytes());
            assertThat(client.reply().code()).isEqualTo(226);
            assertThat(root.resolve("b.txt")).hasContent("stored over TLS");

            assertThat(client.send("PROT C").code()).isEqualTo(200);
            assertThat(client.retrieve("a.txt")).asString().isEqualTo("over TLS");
        }
    }

    @Test
    void aClientThatRefusesTheDataHandshakeGets425OrItsEndAndTheSessionGoesOn() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");
        TestCertificates pair = TestCertificates.in(keys);
        InetSocketAddress server = TestFtp.serve(servers, Server.builder().tls(pair.serverTls()), TestFtp.settings(root));
        try (FtpTestClient client = FtpTestClient.connect(server)) {
            client.startTls(pair.clientContext());
            client.login(TestFtp.READER, TestFtp.PASSWORD);
            client.send("PBSZ 0");
            client.send("PROT P");
            Socket data = client.passive();
            assertThat(client.send("RETR a.txt").code()).isEqualTo(150);
            data.getOutputStream().write("not a ClientHello\r\n".getBytes());
            data.close();
            assertThat(client.reply().code()).isIn(425, 426);
            assertThat(client.send("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void withoutACertificateAuthIs534AndThePlainSessionGoesOn() throws Exception {
        InetSocketAddress server = TestFtp.serve(servers, TestFtp.settings(root));
        try (FtpTestClient client = FtpTestClient.connect(server)) {
            assertThat(client.send("AUTH TLS").code()).isEqualTo(534);
            assertThat(client.send("AUTH SSL").code()).isEqualTo(534);
            assertThat(client.send("AUTH KERBEROS_V4").code()).isEqualTo(504);
            assertThat(client.send("PROT P").code()).isEqualTo(503);
            assertThat(client.login(TestFtp.READER, TestFtp.PASSWORD).code()).isEqualTo(230);
        }
    }
}
