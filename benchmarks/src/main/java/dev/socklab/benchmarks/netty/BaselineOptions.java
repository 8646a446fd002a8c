package dev.socklab.benchmarks.netty;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The Netty baseline's options, which picocli reads (each also as {@code --name=value}): where to
 * listen, and a port for each service to serve (0 for any free one).
 */
public final class BaselineOptions {
    private static final int MAX_PORT = 65535;

    @Option(names = "--bind", paramLabel = "ADDR", description = "The address to listen on (default: 127.0.0.1).")
    private String bind = "127.0.0.1";

    @Option(names = "--echo", paramLabel = "PORT", converter = Port.class, description = "Serve TCP echo on PORT.")
    private Integer echo;

    @Option(names = "--hello", paramLabel = "PORT", converter = Port.class, description = "Serve the greeting on PORT.")
    private Integer hello;

    @Option(names = "--udp-echo", paramLabel = "PORT", converter = Port.class, description = "Serve UDP echo on PORT.")
    private Integer udpEcho;

    @Option(names = "--tls-echo", paramLabel = "PORT", converter = Port.class,
            description = "Serve TCP echo over TLS 1.3 and 1.2 on PORT, with the JDK's provider.")
    private Integer tlsEcho;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "The TLS echo's certificate chain, PEM.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The TLS echo's private key, PKCS#8 PEM.")
    private Path tlsKey;

    /** The address to listen on, loopback unless told otherwise. */
    public String bind() {
        return bind;
    }

    /** The TCP echo port, if served. */
    public OptionalInt echo() {
        return port(echo);
    }

    /** The TCP greeting port, if served. */
    public OptionalInt hello() {
        return port(hello);
    }

    /** The UDP echo port, if served. */
    public OptionalInt udpEcho() {
        return port(udpEcho);
    }

    /** The TCP echo over TLS port, if served. */
    public OptionalInt tlsEcho() {
        return port(tlsEcho);
    }

    /** The TLS echo's certificate and key files, when both are given. */
    public Optional<KeyFiles> tlsFiles() {
        return tlsCert == null || tlsKey == null ? Optional.empty() : Optional.of(new KeyFiles(tlsCert, tlsKey));
    }

    /**
     * The TLS echo's PEM files.
     *
     * @param certificate the certificate chain, the server's first
     * @param key         its private key, PKCS#8
     */
    public record KeyFiles(Path certificate, Path key) {
    }

    /** Whether no service was named: then there is nothing to serve. */
    public boolean servesNothing() {
        return echo == null && hello == null && udpEcho == null && tlsEcho == null;
    }

    private static OptionalInt port(Integer port) {
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** A port from 0 (any free one) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= MAX_PORT) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below, with the rest
            }
            throw new TypeConversionException("a port is from 0 to " + MAX_PORT + ", not '" + text + "'");
        }
    }
}
