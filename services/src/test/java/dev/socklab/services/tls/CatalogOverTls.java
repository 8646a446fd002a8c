package dev.socklab.services.tls;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

import dev.socklab.net.PortRange;
import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.service.StreamService;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceSettings;
import dev.socklab.services.arena.Arena;
import dev.socklab.services.arena.ArenaSettings;
import dev.socklab.services.rpc.RpcProtocols;
import dev.socklab.services.arp.ArpService;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.arp.RarpService;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.connect4.Connect4Settings;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.daytime.DaytimeService;
import dev.socklab.services.ftp.Accounts;
import dev.socklab.services.ftp.FtpSettings;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.qotd.QotdMode;
import dev.socklab.services.qotd.Quotes;
import dev.socklab.services.rpc.BuiltinMethods;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.services.tftp.TftpSettings;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.tls.ServerTls;
import dev.socklab.trace.Tracer;

/**
 * A catalog service on a TLS endpoint of its own, made from the catalog as {@code socklab serve}
 * makes it: the settings at their defaults but for an ARP table with two entries, so that arp
 * and rarp have something to find.
 */
final class CatalogOverTls {
    /** The ARP table's entries: {@code 10.0.0.1} is {@code 0A:0B:0C:0D:0E:0F}. */
    static final String ARP_IP = "10.0.0.1";
    static final String ARP_HW = "0A:0B:0C:0D:0E:0F";

    private CatalogOverTls() {
    }

    /** Serves the catalog's {@code name} over TLS with {@code pair} on 127.0.0.1; where it listens. */
    static InetSocketAddress serve(ServerUnderTest servers, TestCertificates pair, String name) {
        return serve(servers, pair.serverTls(), name, Limits.DEFAULTS, Tracer.off());
    }

    /** Serves the catalog's {@code name} over {@code tls} on 127.0.0.1 with {@code limits}, traced to {@code tracer}. */
    static InetSocketAddress serve(ServerUnderTest servers, ServerTls tls, String name, Limits limits, Tracer tracer) {
        StreamService service = ServiceCatalog.find(name).orElseThrow().make(new Settings()).stream().orElseThrow();
        Server server = servers.start(Server.builder().tls(tls).limits(limits).tracer(tracer)
                .stream(name, service, Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        return (InetSocketAddress) server.bindings().getFirst().endpoint().address();
    }

    /** Every setting at its default, as serve's options give them, and one small ARP table. */
    private static final class Settings implements ServiceSettings {
        private final ArpTable table = ArpTable.builder().entry(ARP_IP + "=" + ARP_HW).build();
        private final ChatService chat = new ChatService(ChatSettings.DEFAULTS, Clock.systemUTC());
        private final Arena arena = new Arena(ArenaSettings.DEFAULTS);
        private final MethodTable methods = BuiltinMethods.table(new ArpService(table, Duration.ofMillis(200)),
                new RarpService(table, Duration.ofMillis(200)), new DaytimeService(Clock.systemUTC(),
                        DaytimeFormat.parse("lab"), Duration.ofSeconds(2)), Clock.systemUTC(), chat);

        @Override
        public String greeting() {
            return "Hello World!";
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public DateTimeFormatter daytimeFormat() {
            return DaytimeFormat.parse("lab");
        }

        @Override
        public Duration ackWait() {
            return Duration.ofSeconds(2);
        }

        @Override
        public ArpTable arpTable() {
            return table;
        }

        @Override
        public Duration requestPause() {
            return Duration.ofMillis(200);
        }

        @Override
        public Quotes quotes() {
            return Quotes.builtIn();
        }

        @Override
        public QotdMode qotdMode() {
            return QotdMode.RANDOM;
        }

        @Override
        public int udpAmplification() {
            return 1;
        }

        @Override
        public ChatSettings chat() {
            return ChatSettings.DEFAULTS;
        }

        @Override
        public ChatService chatService() {
            return chat;
        }

        @Override
        public Connect4Settings connect4() {
            return Connect4Settings.DEFAULTS;
        }

        @Override
        public HttpSettings http() {
            return HttpSettings.defaults();
        }

        /** The system's temporary directory, to nobody: no account can log in. */
        @Override
        public FtpSettings ftp() {
            return FtpSettings.of(FileRoot.of(Path.of(System.getProperty("java.io.tmpdir")), "--ftp-root",
                    UploadLimits.DEFAULTS), Accounts.NONE);
        }

        @Override
        public TftpSettings tftp() {
            return new TftpSettings(Path.of("."), false, false, TftpSettings.DEFAULT_MAX_BLOCK_SIZE,
                    TftpSettings.DEFAULT_MAX_WINDOW_SIZE, TftpSettings.DEFAULT_MAX_TRANSFERS,
                    TftpSettings.DEFAULT_MAX_TRANSFERS_PER_SOURCE, PortRange.ANY, UploadLimits.DEFAULTS);
        }

        @Override
        public RpcLimits rpc() {
            return RpcLimits.DEFAULTS;
        }

        @Override
        public MethodTable rpcMethods() {
            return methods;
        }

        @Override
        public RpcProtocols rpcProtocols() {
            return new RpcProtocols(rpcMethods(), rpc());
        }

        @Override
        public ArenaSettings arenaSettings() {
            return arena.settings();
        }

        @Override
        public Arena arena() {
            return arena;
        }
    }
}
