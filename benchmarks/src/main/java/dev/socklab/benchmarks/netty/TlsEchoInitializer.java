package dev.socklab.benchmarks.netty;

import java.security.NoSuchAlgorithmException;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * TCP echo over TLS: Netty's {@code SslHandler} on the JDK's provider, the one socklab runs on, so
 * that the two differ in how they drive the JDK's {@code SSLEngine}, not in the engine; TLS 1.3 and
 * 1.2, as socklab offers. Netty's own cipher list puts AES-128 first where the JDK puts AES-256:
 * the JDK's default suites, in the JDK's order, make both negotiate the same cipher.
 */
final class TlsEchoInitializer extends ChannelInitializer<SocketChannel> {
    private final SslContext context;
    private final EchoHandler echo = new EchoHandler();

    private TlsEchoInitializer(SslContext context) {
        this.context = context;
    }

    /**
     * The initializer for a certificate and key in PEM files.
     *
     * @throws IllegalArgumentException if the files cannot be read as a certificate and its key
     */
    static TlsEchoInitializer of(BaselineOptions.KeyFiles files) {
        try {
            return new TlsEchoInitializer(SslContextBuilder.forServer(files.certificate().toFile(), files.key().toFile())
                    .sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2")
                    .ciphers(List.of(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()),
                            IdentityCipherSuiteFilter.INSTANCE)
                    .build());
        } catch (SSLException | NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new IllegalArgumentException(files.certificate() + " and " + files.key()
                    + " cannot serve TLS: " + e.getMessage(), e);
        }
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast(context.newHandler(channel.alloc()), echo);
    }
}
