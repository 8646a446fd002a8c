package dev.socklab.benchmarks.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.tls.DevCertificate;

/** The baseline's TLS echo: every byte back over TLS 1.3 and 1.2, on the cipher the JDK's own defaults pick. */
@Timeout(30)
class TlsEchoBaselineTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void tlsEchoSendsEveryByteBackOnTheJdksPreferredCipher(String protocol) throws Exception {
        DevCertificate pair = DevCertificate.generate("localhost");
        Path cert = Files.writeString(dir.resolve("cert.pem"), pair.certificatePem());
        Path key = Files.writeString(dir.resolve("key.pem"), pair.keyPem());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (BaselineServer server = BaselineServer.start(BaselineOptionsTest.parse("--tls-echo", "0",
                "--tls-cert", cert.toString(), "--tls-key", key.toString()), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            Matcher m = Pattern.compile("(?m)^netty echo tls 127\\.0\\.0\\.1:(\\d+)$").matcher(printed.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            try (SSLSocket s = (SSLSocket) trusting(pair).getSocketFactory().createSocket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                s.setSoTimeout(5000);
                SSLParameters parameters = s.getSSLParameters();
                parameters.setProtocols(new String[] {protocol});
                s.setSSLParameters(parameters);
                byte[] sent = new byte[100_000];
                Arrays.fill(sent, (byte) 'e');
                s.getOutputStream().write(sent);
                s.getOutputStream().flush();

                assertThat(s.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
                assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
                // The JDK's first suite for the version, as socklab's server negotiates, not Netty's AES-128 first.
                assertThat(s.getSession().getCipherSuite()).isEqualTo(protocol.equals("TLSv1.3")
                        ? "TLS_AES_256_GCM_SHA384" : "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            }
        }
    }

    private static SSLContext trusting(DevCertificate pair) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("dev", pair.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
