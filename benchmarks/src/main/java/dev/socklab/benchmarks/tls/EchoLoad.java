package dev.socklab.benchmarks.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS echo load: C connections, each on its own platform thread, each writing a chunk and reading
 * it back whole before the next, for a warm-up and then a counted window, bounded in time and in
 * round trips. The client is the JDK's {@code SSLSocket} for every server, so that it is no
 * difference between them.
 */
public final class EchoLoad {
    /** How long a read or a connect may wait before the connection counts as failed. */
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    private final InetSocketAddress server;
    private final SSLContext context;
    private final String protocol;
    private final int connections;
    private final int chunk;

    /**
     * A load on {@code server}, trusting the certificates in {@code ca}.
     *
     * @param protocol the one TLS version offered: {@code TLSv1.3} or {@code TLSv1.2}
     */
    public EchoLoad(InetSocketAddress server, Path ca, String protocol, int connections, int chunk)
            throws IOException, GeneralSecurityException {
        this.server = server;
        this.context = trusting(ca);
        this.protocol = protocol;
        this.connections = connections;
        this.chunk = chunk;
    }

    private static SSLContext trusting(Path ca) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Runs the load: {@code warmup} uncounted, then at most {@code duration} or {@code maxRoundTrips},
     * whichever ends first; returns when every connection has stopped.
     */
    public EchoLoadReport run(Duration warmup, Duration duration, long maxRoundTrips) throws InterruptedException {
        long start = System.nanoTime();
        long countFrom = start + warmup.toNanos();
        long end = countFrom + duration.toNanos();
        AtomicLong roundTrips = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>("");
        AtomicReference<String> session = new AtomicReference<>("");
        AtomicLong lastCounted = new AtomicLong(countFrom);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            threads.add(Thread.ofPlatform().name("tls-echo-load-" + i).start(() -> {
                try {
                    connection(countFrom, end, maxRoundTrips, roundTrips, lastCounted, session);
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet("", e.toString());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        // The window ends at the last round trip counted; with none, it was the whole duration.
        double seconds = (roundTrips.get() == 0 ? duration.toNanos() : lastCounted.get() - countFrom) / 1e9;
        String[] names = session.get().isEmpty() ? new String[] {"", ""} : session.get().split(" ", 2);
        return new EchoLoadReport(connections, chunk, seconds, roundTrips.get(), (double) roundTrips.get() * chunk / seconds / 1e6,
                names[0], names[1], failures.get(), firstFailure.get());
    }

    private void connection(long countFrom, long end, long maxRoundTrips, AtomicLong roundTrips, AtomicLong lastCounted,
                            AtomicReference<String> session) throws IOException {
        byte[] out = new byte[chunk];
        Arrays.fill(out, (byte) 'x');
        byte[] in = new byte[chunk];
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(server, SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            session.compareAndSet("", socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite());
            OutputStream output = socket.getOutputStream();
            InputStream input = socket.getInputStream();
            while (true) {
                long now = System.nanoTime();
                if (now - end >= 0 || roundTrips.get() >= maxRoundTrips) {
                    return;
                }
                output.write(out);
                output.flush();
                if (input.readNBytes(in, 0, chunk) < chunk) {
                    throw new IOException("the server closed the connection mid-echo");
                }
                long done = System.nanoTime();
                if (done - countFrom >= 0 && done - end < 0) {
                    roundTrips.incrementAndGet();
                    lastCounted.accumulateAndGet(done, Math::max);
                }
            }
        }
    }
}
