package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Amplification;
import dev.socklab.runtime.Binding;
import dev.socklab.runtime.CannotBindException;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.ServiceLimits;
import dev.socklab.runtime.Transport;
import dev.socklab.runtime.UdpLimits;
import dev.socklab.service.StreamService;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceHalves;
import dev.socklab.services.ServiceInfo;
import dev.socklab.services.admin.AdminService;
import dev.socklab.services.admin.StatusPage;
import dev.socklab.tls.ServerTls;
import dev.socklab.trace.Tracer;

/** {@code socklab serve}: hosts the services named, or all of them, until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        sortOptions = false,
        description = {"Serves the services named, or every built-in service on its default port.",
                "Listens on loopback only unless told otherwise with --bind."},
        footer = {"", "SERVICE is NAME[:PORT][/tcp|/udp], NAME:PORT/tls for TLS on that port, or",
                "NAME:unix:PATH for a Unix socket.", "",
                "Examples:",
                "  socklab serve                         every service on loopback, default ports",
                "  socklab serve hello:3000              the greeting on TCP and UDP port 3000",
                "  socklab serve hello:3000/tcp --trace  TCP only, showing every socket call",
                "  socklab serve hello:unix:/tmp/h.sock  the greeting on a Unix socket",
                "  socklab serve --inherit hello         on the socket systemd or inetd passes",
                "  socklab serve http http:10443/tls --tls-cert cert.pem --tls-key key.pem",
                "                                        HTTP on 10080, and over TLS on 10443",
                "                                        (socklab cert dev makes a pair to try)",
                "  socklab serve arena --lag 150ms --loss 5%%",
                "                                        the game, what it sends 150 ms late and",
                "                                        5%% of it lost (--lag, --jitter, --loss,",
                "                                        --duplicate, --reorder)",
                "  socklab serve --bind 0.0.0.0          open to the network (IPv4)",
                "  socklab serve --bind :: --allow 10.0.0.0/8 --deny echo=10.1.0.0/16",
                "                                        the lab's network only, and echo not to",
                "                                        one part of it",
                "  socklab serve --bind ::               open to the network (IPv6, and IPv4",
                "                                        where the system allows)",
                "  socklab serve --admin 127.0.0.1:10090 /metrics for Prometheus and /status",
                "                                        (JSON) on loopback port 10090"})
final class ServeCommand implements Callable<Integer> {
    /** The log lines the status page shows, the last ones. */
    private static final int STATUS_PAGE_LOG_LINES = 100;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "What to serve; all services when none is named.")
    List<String> services = new ArrayList<>();

    /** Read before serve parses its arguments, by {@link ServeArguments}, which merges the file's settings in. */
    @Mixin
    ConfigOption config;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on, repeatable: 127.0.0.1, ::1, a host name, * (any). Default: loopback.")
    List<String> binds = new ArrayList<>();

    @ArgGroup(exclusive = true)
    FamilyOptions.Listening family = new FamilyOptions.Listening();

    @Option(names = "--standard-ports", description = "Serve the classic services on their IANA ports (below 1024: needs privileges).")
    boolean standardPorts;

    @Mixin
    InheritOptions inherit;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "The certificate of the /tls endpoints and of ftp's AUTH TLS, PEM, the server's first and"
                    + " then its chain; read again when it changes.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The private key of --tls-cert, PEM (PKCS#8, PKCS#1 or SEC1; RSA or EC), not encrypted.")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "Require of every TLS client a certificate that chains to a CA in FILE (PEM).")
    Path tlsClientCa;

    @Option(names = "--trace", description = "Print every socket call the server makes.")
    boolean trace;

    @Option(names = "--io", paramLabel = "ENGINE",
            description = "I/O engine: epoll (carrier threads that each own an epoll set; the default where it runs)"
                    + " or jdk (the JDK's own virtual-thread scheduler).")
    String io;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Carrier threads of the epoll engine (default: one per core this process may use).")
    int ioThreads;

    @Option(names = "--idle-timeout", paramLabel = "[SERVICE=]DURATION",
            description = "Close a connection whose client sends nothing for this long (default: 60s);"
                    + " SERVICE=DURATION for one service.")
    List<String> idleTimeouts = new ArrayList<>();

    @Option(names = "--write-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Close a connection whose client stops reading for this long (default: 30s).")
    Duration writeTimeout = Limits.DEFAULTS.writeTimeout();

    @Option(names = "--first-request-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Close a connection whose client has not completed its first request (line) this long"
                    + " after connecting, however slowly it sends; 0 for no limit (default: 30s).")
    Duration firstRequestTimeout = Limits.DEFAULTS.firstRequestTimeout();

    @Option(names = "--max-line-length", paramLabel = "BYTES", description = "Longest line a service reads (default: ${DEFAULT-VALUE}).")
    int maxLineLength = Limits.DEFAULTS.maxLineLength();

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "On Ctrl-C or SIGTERM, how long open connections may finish (default: 5s).")
    Duration shutdownGrace = Limits.DEFAULTS.shutdownGrace();

    @Option(names = "--max-log-rate", paramLabel = "N",
            description = "Connection lines a second at most, then one summary line a second; 0 for all (default: ${DEFAULT-VALUE}).")
    int maxLogRate = Server.DEFAULT_MAX_LOG_RATE;

    @Option(names = "--udp-rate", paramLabel = "N", description = "UDP replies a second to one source (default: ${DEFAULT-VALUE}).")
    int udpRate = UdpLimits.DEFAULTS.perSourceRate();

    @Option(names = "--udp-burst", paramLabel = "N", description = "UDP replies one source may get at once (default: ${DEFAULT-VALUE}).")
    int udpBurst = UdpLimits.DEFAULTS.perSourceBurst();

    @Option(names = "--udp-global-rate", paramLabel = "N", description = "UDP replies a second to all sources (default: ${DEFAULT-VALUE}).")
    int udpGlobalRate = UdpLimits.DEFAULTS.globalRate();

    @Option(names = "--udp-limit-loopback", description = "Rate-limit loopback sources too (exempt by default: none can be spoofed from outside).")
    boolean udpLimitLoopback;

    @Mixin
    AccessOptions access;

    @Mixin
    ProxyOptions proxy;

    @Mixin
    ServiceOptions serviceOptions;

    @Mixin
    AdminOptions adminOptions;

    @Mixin
    LogOptions log;

    /** serve's arguments as typed, before any {@code --config} file's were merged in: what a reload reads again. */
    private List<String> commandLine = List.of();

    /** Keeps serve's arguments as typed ({@link Main#execute}), for a reload to merge the file's in anew. */
    void commandLine(List<String> typed) {
        this.commandLine = List.copyOf(typed);
    }

    @Override
    public Integer call() throws InterruptedException {
        log.apply();
        PrintWriter out = spec.commandLine().getOut();
        Prepared prepared = prepare();
        Server server = prepared.builder().build();
        prepared.admin().ifPresent(a -> {
            a.report(server);
            StatusPage.addTo(a.router(), server, Clock.systemUTC(), LogSettings.ring(STATUS_PAGE_LOG_LINES));
        });
        try {
            server.start();
        } catch (CannotBindException e) {
            // The admin listener's port is chosen with its own flag, not as SERVICE:PORT.
            throw e.service().equals(AdminService.NAME) ? e.withPortSyntax("--admin HOST:PORT") : e;
        }
        printListening(out, server.bindings(), prepared.reach());
        prepared.admin().ifPresent(a -> printAdmin(out, server.bindings()));
        prepared.tls().ifPresent(t -> printCertificate(out, t));
        printUdpPolicy(out, server.bindings(), prepared.made());
        out.println("I/O engine: " + server.ioEngine());
        serviceOptions.notices().forEach(out::println);
        // Handlers first: a SIGTERM sent as soon as the line below appears must stop the server cleanly.
        handleSignals(server, new Reload(commandLine, this, prepared.made(), server));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        server.awaitStopped();
        out.println("socklab stopped");
        out.flush();
        return ExitCode.OK.code;
    }

    /**
     * What the flags ask for, checked: where each service listens, the TLS pair, the services made,
     * the admin listener if asked for, who can reach the server, and a server builder holding every
     * setting and endpoint. Start builds its server from it; a reload makes one anew and compares.
     */
    record Prepared(Server.Builder builder, BindPlan plan, Optional<ServerTls> tls, Map<String, ServiceHalves> made,
                    Optional<AdminService> admin, String reach) {
    }

    /**
     * Everything serve checks and makes before it binds, which {@code socklab config check} and a
     * reload run too: a mistake in the settings is thrown as it would be on starting. The flags are
     * checked before any service is made: a mistake in them is the one thing said.
     */
    Prepared prepare() {
        Optional<InheritedSocket> inherited = inherit.socket(spec);
        List<ServiceSelection> selections = inherited.isPresent() ? List.of(inherited.get().selection())
                : services.isEmpty()
                ? ServiceCatalog.all().stream().filter(this::servedByDefault).map(s -> ServiceSelection.parse(s.name()))
                        .toList()
                : services.stream().map(ServiceSelection::parse).toList();
        BindPlan plan = inherited.isPresent() ? inherited.get().plan()
                : BindPlan.of(selections, binds, family.family(), standardPorts);
        Server.Builder builder = serverSettings();
        Optional<ServerTls> tls = serverTls(selections);
        tls.ifPresent(builder::tls);
        Set<String> served = plan.entries().stream().map(e -> e.service().name()).collect(Collectors.toSet());
        Map<String, ServiceLimits> limits = access.apply(builder, served);
        idleTimeouts().forEach((service, timeout) -> service.ifPresent(name -> limits.compute(
                AccessOptions.servedOrThrow(name, served), (n, own) -> own.withIdleTimeout(timeout))));
        proxy.apply(plan.entries().stream().filter(e -> e.endpoint().transport() != Transport.UDP)
                .map(e -> e.service().name()).collect(Collectors.toSet()), served, limits);
        // One instance per service, whatever its endpoints; arp and rarp share the one table the settings make.
        Map<String, ServiceHalves> made = new LinkedHashMap<>();
        plan.entries().forEach(entry -> made.computeIfAbsent(entry.service().name(),
                name -> entry.service().make(serviceOptions)));
        if (tls.isPresent() && selections.stream().noneMatch(ServiceSelection::tls) && made.values().stream()
                .noneMatch(halves -> halves.stream().filter(StreamService::startsTls).isPresent())) {
            throw new Errors.UsageException("--tls-cert and --tls-key serve the /tls endpoints and ftp's AUTH TLS, and"
                    + " neither is served; add one, as http:10443/tls");
        }
        register(builder, plan, made, limits, inherited);
        // Last: the banner's table lists it after the services it reports on.
        Optional<AdminService> admin = adminOptions.register(builder);
        return new Prepared(builder, plan, tls, made, admin,
                inherited.map(InheritedSocket::reach).orElseGet(() -> reach(plan)));
    }

    /** Whether {@code socklab serve} with no service named serves {@code service}: ftp and tftp only with their roots. */
    boolean servedByDefault(ServiceInfo service) {
        return service.defaultOnlyWith().map(option -> spec.commandLine().getParseResult().hasMatchedOption(option))
                .orElse(true);
    }

    /** A server builder with every setting the flags give, each checked. */
    private Server.Builder serverSettings() {
        Duration idleTimeout = idleTimeouts().getOrDefault(Optional.empty(), Limits.DEFAULTS.idleTimeout());
        Limits limits = new Limits(access.serverMaxConnections(), idleTimeout, writeTimeout, firstRequestTimeout,
                maxLineLength, shutdownGrace);
        UdpLimits udpLimits = new UdpLimits(udpRate, udpBurst, udpGlobalRate, udpLimitLoopback);
        if (maxLogRate < 0) {
            throw new Errors.UsageException("--max-log-rate cannot be negative: " + maxLogRate);
        }
        Server.Builder builder = Server.builder().ioThreads(ioThreads);
        if (io != null) {
            builder.ioEngine(io);
        }
        return builder
                .maxLogRate(maxLogRate)
                .limits(limits)
                .udpLimits(udpLimits)
                .family(family.family())
                .tracer(trace ? Tracer.printingTo(System.out) : Tracer.off());
    }

    /**
     * The server's certificate and key, read now, if given; the flags must come together, and an
     * endpoint that speaks TLS needs them.
     */
    private Optional<ServerTls> serverTls(List<ServiceSelection> selections) {
        Optional<ServiceSelection> secured = selections.stream().filter(ServiceSelection::tls).findFirst();
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new Errors.UsageException("--tls-cert and --tls-key go together: give the certificate and its key");
        }
        if (tlsClientCa != null && tlsCert == null) {
            throw new Errors.UsageException("--tls-client-ca needs the server's own pair too: --tls-cert FILE"
                    + " --tls-key FILE");
        }
        if (secured.isEmpty()) {
            // Without a /tls endpoint the pair may still serve a protocol's own STARTTLS (ftp's AUTH TLS), checked once the services are made.
            return tlsCert == null ? Optional.empty()
                    : Optional.of(ServerTls.load(new ServerTls.KeyFiles(tlsCert, tlsKey, Optional.ofNullable(tlsClientCa))));
        }
        if (tlsCert == null) {
            ServiceSelection first = secured.get();
            throw new Errors.UsageException(first.service().name() + ":" + first.port().orElseThrow() + "/tls needs"
                    + " a certificate and its key: --tls-cert FILE --tls-key FILE (socklab cert dev makes a pair to try)");
        }
        return Optional.of(ServerTls.load(new ServerTls.KeyFiles(tlsCert, tlsKey, Optional.ofNullable(tlsClientCa))));
    }

    /** Each scope's idle timeout, the last given for it winning. */
    private Map<Optional<String>, Duration> idleTimeouts() {
        Map<Optional<String>, Duration> values = new LinkedHashMap<>();
        for (String text : idleTimeouts) {
            AccessOptions.Scoped scoped = AccessOptions.Scoped.parse("--idle-timeout", text);
            Duration timeout;
            try {
                timeout = new DurationConverter().convert(scoped.value());
            } catch (TypeConversionException e) {
                throw new Errors.UsageException("--idle-timeout: " + e.getMessage());
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new Errors.UsageException("--idle-timeout " + text + ": the idle timeout must be positive");
            }
            values.put(scoped.service(), timeout);
        }
        return values;
    }

    /**
     * Each endpoint served by its service's half for that transport, which the selection made sure it has;
     * or the one socket inherited.
     */
    private static void register(Server.Builder builder, BindPlan plan, Map<String, ServiceHalves> made,
                                 Map<String, ServiceLimits> limits, Optional<InheritedSocket> inherited) {
        if (inherited.isPresent()) {
            String name = inherited.get().service().name();
            try {
                inherited.get().serve(builder, made.get(name), limits.get(name));
            } catch (IOException e) {
                throw new Errors.UsageException("--inherit " + name + ": the socket on standard input cannot be"
                        + " served (" + e.getMessage() + ")");
            }
            return;
        }
        for (BindPlan.Entry entry : plan.entries()) {
            String name = entry.service().name();
            ServiceHalves service = made.get(name);
            ServiceLimits own = limits.get(name);
            switch (entry.endpoint().transport()) {
                case TCP, UNIX -> builder.stream(name, service.stream().orElseThrow(), entry.endpoint(), own);
                case UDP -> builder.datagram(name, service.datagram().orElseThrow(), entry.endpoint(), own);
            }
        }
    }

    /** Who can reach the server: those who may open its Unix sockets, this machine alone, or the network. */
    static String reach(BindPlan plan) {
        if (plan.unixOnly()) {
            List<String> sockets = plan.entries().stream().map(e -> SocketAddresses.format(e.endpoint().address()))
                    .toList();
            boolean one = sockets.size() == 1;
            return "socklab is listening on " + (one ? "a Unix socket" : "Unix sockets") + " only ("
                    + String.join(", ", sockets) + "): reachable from this machine alone, by whoever the socket"
                    + (one ? " file's" : " files'") + " permissions let in";
        }
        String addresses = plan.addresses().stream().map(SocketAddresses::format).collect(Collectors.joining(", "));
        if (plan.loopbackOnly()) {
            return "socklab is listening on loopback only (" + addresses + "): reachable from this machine alone;"
                    + " --bind 0.0.0.0 or --bind :: opens it to the network";
        }
        return "socklab is listening on " + addresses + ": reachable from the network";
    }

    private static void printListening(PrintWriter out, List<Binding> bindings, String reach) {
        out.println(reach);
        int width = Math.max(7, bindings.stream().mapToInt(b -> b.service().length()).max().orElse(0));
        out.printf("%-" + width + "s  %-9s  %s%n", "SERVICE", "TRANSPORT", "ADDRESS");
        for (Binding b : bindings) {
            out.printf("%-" + width + "s  %-9s  %s%n", b.service(), b.endpoint().label(),
                    SocketAddresses.format(b.endpoint().address()));
        }
    }

    /** Where the admin listener's pages are, with the port it got. */
    private static void printAdmin(PrintWriter out, List<Binding> bindings) {
        String at = bindings.stream().filter(b -> b.service().equals(AdminService.NAME)).findFirst()
                .map(b -> SocketAddresses.format(b.endpoint().address())).orElseThrow();
        out.println("Admin: http://" + at + "/ (status page), http://" + at + "/metrics (Prometheus), http://" + at
                + "/status (JSON)");
    }

    /** Once, below the table: whose certificate the tls endpoints show, until when, and whether clients need one. */
    private void printCertificate(PrintWriter out, ServerTls tls) {
        X509Certificate certificate = tls.certificate();
        out.println("TLS certificate: " + certificate.getSubjectX500Principal().getName() + ", valid until "
                + certificate.getNotAfter().toInstant() + " (" + tlsCert + ")");
        if (tlsClientCa != null) {
            out.println("TLS clients must present a certificate that chains to a CA in " + tlsClientCa);
        }
    }

    /** What any UDP service here can be made to send: its worst ratio of reply to request, and the rate limits. */
    private void printUdpPolicy(PrintWriter out, List<Binding> bindings, Map<String, ServiceHalves> made) {
        List<String> udp = bindings.stream().filter(b -> b.endpoint().transport() == Transport.UDP)
                .map(Binding::service).distinct().toList();
        if (udp.isEmpty()) {
            return;
        }
        out.println("UDP amplification at worst, reply to request on the wire: " + udp.stream()
                .map(name -> name + " " + Amplification.worstCase(made.get(name).datagram().orElseThrow())
                        .stream().mapToObj(f -> String.format(Locale.ROOT, "%.1fx", f)).findFirst().orElse("unbounded"))
                .collect(Collectors.joining(", ")));
        out.println("UDP replies: at most " + udpRate + " a second per source (burst " + udpBurst + "), " + udpGlobalRate
                + " in all" + (udpLimitLoopback ? "" : "; loopback sources exempt"));
    }

    /**
     * Ctrl-C and SIGTERM stop the server gracefully, and the process then exits 0, not 130 or 143;
     * SIGHUP reloads the settings, in a thread of its own so that the signal's thread never waits on a file.
     */
    private static void handleSignals(Server server, Reload reload) {
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), signal -> Thread.ofPlatform().name("socklab stop").start(() -> {
                System.out.println("socklab stopping (SIG" + signal.getName() + "): no new connections;"
                        + " open ones may finish");
                server.stop();
            }));
        }
        Signal.handle(new Signal("HUP"), signal -> reload.request());
    }
}
