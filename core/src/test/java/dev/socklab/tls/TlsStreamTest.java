package dev.socklab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.TestCertificates;

/** {@link TlsStream} between two engines over a real loopback connection: what it costs on the wire. */
@Timeout(20)
class TlsStreamTest {
    @TempDir
    Path dir;

    private SocketChannel serverSide;
    private SocketChannel clientSide;
    private final AtomicInteger serverWrites = new AtomicInteger();
    private final List<Integer> serverReads = new ArrayList<>();

    @BeforeEach
    void connect() throws IOException {
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            clientSide = SocketChannel.open(listening.getLocalAddress());
            serverSide = listening.accept();
        }
    }

    @AfterEach
    void close() throws IOException {
        clientSide.close();
        serverSide.close();
    }

    private TlsStream server(TestCertificates pair) {
        SSLEngine engine = pair.serverTls().newEngine(List.of());
        return new TlsStream(engine, wire(serverSide, serverWrites, serverReads), ByteBuffer.allocate(0));
    }

    private TlsStream client(TestCertificates pair) {
        SSLEngine engine = pair.clientContext().createSSLEngine("localhost", 1);
        engine.setUseClientMode(true);
        return new TlsStream(engine, wire(clientSide, new AtomicInteger(), new ArrayList<>()), ByteBuffer.allocate(0));
    }

    private static TlsStream.Wire wire(SocketChannel channel, AtomicInteger writes, List<Integer> reads) {
        return new TlsStream.Wire() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = channel.read(dst);
                synchronized (reads) {
                    reads.add(n);
                }
                return n;
            }

            @Override
            public int read(ByteBuffer dst, long waitNanos) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(ByteBuffer src) throws IOException {
                writes.incrementAndGet();
                while (src.hasRemaining()) {
                    channel.write(src);
                }
            }
        };
    }

    @Test
    void theServersHandshakeFlightGoesOutInOneWriteAndItsTicketInAnother() throws Exception {
        TestCertificates pair = TestCertificates.in(dir);
        TlsStream server = server(pair);
        TlsStream client = client(pair);
        CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> {
            try {
                server.handshake();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        client.handshake();
        serverSide.get(10, TimeUnit.SECONDS);

        // ServerHello with the encrypted rest in one write, then TLS 1.3's session ticket: not one write per message.
        assertThat(serverWrites.get()).isLessThanOrEqualTo(2);
        assertThat(server.session().protocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void aReadTakesEveryWholeRecordThatHasArrivedAndTheEndAfterThem() throws Exception {
        TestCertificates pair = TestCertificates.in(dir);
        TlsStream server = server(pair);
        TlsStream client = client(pair);
        CompletableFuture<Void> handshaken = CompletableFuture.runAsync(() -> {
            try {
                server.handshake();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        client.handshake();
        handshaken.get(10, TimeUnit.SECONDS);

        byte[] sent = new byte[64 * 1024];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31);
        }
        client.write(ByteBuffer.wrap(sent));
        client.closeOutbound();
        ByteBuffer got = ByteBuffer.allocate(128 * 1024);
        int reads = 0;
        int n;
        while ((n = server.read(got)) > 0) {
            reads++;
        }
        assertThat(n).isEqualTo(-1);
        assertThat(got.flip().remaining()).isEqualTo(sent.length);
        assertThat(got).isEqualTo(ByteBuffer.wrap(sent));
        // 64 KiB is four records: a read hands over all that arrived, not one record each.
        assertThat(reads).isLessThan(4);
    }
}
