package dev.socklab.services;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

import dev.socklab.runtime.Transport;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;

/**
 * One entry of the {@link ServiceCatalog}: what {@code socklab services} tells about a built-in
 * service, and how to make it from the {@link ServiceSettings}. Its transports follow from what
 * it is: a stream service is served over TCP and Unix sockets, a datagram service over UDP.
 */
public final class ServiceInfo {
    private final String name;
    private final String summary;
    private final String reference;
    private final int defaultPort;
    private final OptionalInt standardPort;
    private final Set<Transport> transports;
    private final boolean udpOnlyWhenNamed;
    private final Optional<String> defaultOnlyWith;
    private final Function<ServiceSettings, ServiceHalves> make;

    private ServiceInfo(String name, String summary, String reference, int defaultPort, OptionalInt standardPort,
                        Set<Transport> transports, boolean udpOnlyWhenNamed, Optional<String> defaultOnlyWith,
                        Function<ServiceSettings, ServiceHalves> make) {
        this.name = name;
        this.summary = summary;
        this.reference = reference;
        this.defaultPort = defaultPort;
        this.standardPort = standardPort;
        this.transports = Collections.unmodifiableSet(EnumSet.copyOf(transports)); // in EnumSet order, as listed
        this.udpOnlyWhenNamed = udpOnlyWhenNamed;
        this.defaultOnlyWith = defaultOnlyWith;
        this.make = make;
    }

    /** A service whose one object serves both streams and datagrams, made by {@code make}. */
    static <T extends StreamService & DatagramService> ServiceInfo streamAndDatagram(
            String name, String summary, String reference, int defaultPort, OptionalInt standardPort,
            Function<ServiceSettings, T> make) {
        Objects.requireNonNull(make);
        return new ServiceInfo(name, summary, reference, defaultPort, standardPort,
                EnumSet.of(Transport.TCP, Transport.UDP, Transport.UNIX), false, Optional.empty(), settings -> {
                    T service = Objects.requireNonNull(make.apply(settings));
                    return new ServiceHalves(Optional.of(service), Optional.of(service));
                });
    }

    /** A service of streams alone, made by {@code make}. */
    static ServiceInfo streamOnly(String name, String summary, String reference, int defaultPort,
                                  OptionalInt standardPort, Function<ServiceSettings, ? extends StreamService> make) {
        Objects.requireNonNull(make);
        return new ServiceInfo(name, summary, reference, defaultPort, standardPort,
                EnumSet.of(Transport.TCP, Transport.UNIX), false, Optional.empty(),
                settings -> new ServiceHalves(Optional.of(make.apply(settings)), Optional.empty()));
    }

    /** A service of datagrams alone, made by {@code make}: served over UDP, and over nothing else. */
    static ServiceInfo datagramOnly(String name, String summary, String reference, int defaultPort,
                                    OptionalInt standardPort, Function<ServiceSettings, ? extends DatagramService> make) {
        Objects.requireNonNull(make);
        return new ServiceInfo(name, summary, reference, defaultPort, standardPort, EnumSet.of(Transport.UDP), false,
                Optional.empty(), settings -> new ServiceHalves(Optional.empty(), Optional.of(make.apply(settings))));
    }

    /** This entry, served over UDP only when asked for by name: see {@link #udpOnlyWhenNamed()}. */
    ServiceInfo servedOverUdpOnlyWhenNamed() {
        return new ServiceInfo(name, summary, reference, defaultPort, standardPort, transports, true, defaultOnlyWith,
                make);
    }

    /** This entry over TCP alone: a protocol whose data connections need IP addresses (FTP). */
    ServiceInfo overTcpOnly() {
        return new ServiceInfo(name, summary, reference, defaultPort, standardPort, EnumSet.of(Transport.TCP),
                udpOnlyWhenNamed, defaultOnlyWith, make);
    }

    /** This entry, among those served by default only when {@code option} is given: see {@link #defaultOnlyWith()}. */
    ServiceInfo servedByDefaultOnlyWith(String option) {
        return new ServiceInfo(name, summary, reference, defaultPort, standardPort, transports, udpOnlyWhenNamed,
                Optional.of(option), make);
    }

    /** How the command line names it. */
    public String name() {
        return name;
    }

    /** One line on what it does. */
    public String summary() {
        return summary;
    }

    /** Where its behaviour is specified: an RFC, or the lab. */
    public String reference() {
        return reference;
    }

    /** Its port unless told otherwise, always 1024 or above so that no privileges are needed. */
    public int defaultPort() {
        return defaultPort;
    }

    /** Its IANA port, used with {@code --standard-ports}, if it has one. */
    public OptionalInt standardPort() {
        return standardPort;
    }

    /** Where it can be served. */
    public Set<Transport> transports() {
        return transports;
    }

    /**
     * Whether UDP is served only when asked for by name ({@code chargen/udp}): for services whose
     * replies are large next to their requests, the classic amplifiers.
     */
    public boolean udpOnlyWhenNamed() {
        return udpOnlyWhenNamed;
    }

    /**
     * The option without which {@code socklab serve} with no service named leaves this one out, for a
     * service that has nothing to serve without it (ftp without {@code --ftp-root}, tftp without
     * {@code --tftp-root}); empty for the others.
     */
    public Optional<String> defaultOnlyWith() {
        return defaultOnlyWith;
    }

    /** The port to serve on: the IANA one when asked for and known, else the default. */
    public int port(boolean standardPorts) {
        return standardPorts && standardPort.isPresent() ? standardPort.getAsInt() : defaultPort;
    }

    /**
     * A new instance of the service, made from what {@code settings} give it. A server makes each
     * service once and serves all its endpoints with that one instance.
     *
     * @throws IllegalArgumentException (a {@link dev.socklab.runtime.SettingException} or an
     *     {@link dev.socklab.net.AddressException}) if a setting it reads cannot be used
     */
    public ServiceHalves make(ServiceSettings settings) {
        return make.apply(Objects.requireNonNull(settings));
    }

    @Override
    public String toString() {
        return name;
    }
}
