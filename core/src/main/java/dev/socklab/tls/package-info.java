/**
 * TLS, apart from the runtime that uses it: the JDK's {@link javax.net.ssl.SSLEngine} driven
 * straight-line over a blocking byte stream ({@link dev.socklab.tls.TlsStream}), for a server's
 * connection ({@link dev.socklab.tls.TlsSocket}) and for a client's alike; the server's
 * certificate and key from PEM files, reloaded when they change ({@link dev.socklab.tls.ServerTls},
 * {@link dev.socklab.tls.PemFiles}); and a self-signed pair to try it with
 * ({@link dev.socklab.tls.DevCertificate}, {@code socklab cert dev}).
 *
 * <p>The provider is the JDK's, with its defaults narrowed to TLS 1.3 and 1.2. Bouncy Castle only
 * reads and writes PEM and builds the development certificate, which the JDK has no public API for.
 */
package dev.socklab.tls;
