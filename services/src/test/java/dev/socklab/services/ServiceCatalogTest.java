package dev.socklab.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.socklab.net.PortRange;
import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.runtime.Transport;
import dev.socklab.services.arena.Arena;
import dev.socklab.services.arena.ArenaSettings;
import dev.socklab.services.rpc.RpcProtocols;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.connect4.Connect4Settings;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.ftp.Accounts;
import dev.socklab.services.ftp.FtpSettings;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.qotd.QotdMode;
import dev.socklab.services.qotd.Quotes;
import dev.socklab.services.rpc.BuiltinMethods;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.services.tftp.TftpSettings;

/** The catalog is the one list of services: each entry makes what its transports need, from the settings. */
class ServiceCatalogTest {
    /** Every setting at its default, and one table for arp and rarp, as serve's options give them. */
    private static final ServiceSettings DEFAULTS = new ServiceSettings() {
        private final ArpTable table = ArpTable.builder().build();
        private final ChatService chat = new ChatService(ChatSettings.DEFAULTS, Clock.systemUTC());
        private final Arena arena = new Arena(ArenaSettings.DEFAULTS);
        private final MethodTable methods = BuiltinMethods.atDefaults(chat);

        @Override
        public HttpSettings http() {
            return HttpSettings.defaults();
        }

        @Override
        public TftpSettings tftp() {
            return new TftpSettings(Path.of("."), false, false, TftpSettings.DEFAULT_MAX_BLOCK_SIZE,
                    TftpSettings.DEFAULT_MAX_WINDOW_SIZE, TftpSettings.DEFAULT_MAX_TRANSFERS,
                    TftpSettings.DEFAULT_MAX_TRANSFERS_PER_SOURCE, PortRange.ANY, UploadLimits.DEFAULTS);
        }

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

        /** The system's temporary directory, to nobody: no account can log in. */
        @Override
        public FtpSettings ftp() {
            return FtpSettings.of(FileRoot.of(Path.of(System.getProperty("java.io.tmpdir")), "--ftp-root",
                    UploadLimits.DEFAULTS), Accounts.NONE);
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
    };

    static Iterable<ServiceInfo> entries() {
        return ServiceCatalog.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void eachEntryMakesAHalfForEachOfItsTransportsAndNoOther(ServiceInfo entry) {
        ServiceHalves made = entry.make(DEFAULTS);

        assertThat(made.stream().isPresent()).as("stream half").isEqualTo(entry.transports().contains(Transport.TCP));
        assertThat(made.datagram().isPresent()).as("datagram half").isEqualTo(entry.transports().contains(Transport.UDP));
        // ftp's data connections need IP addresses: its one entry served over TCP without Unix sockets.
        assertThat(entry.transports().contains(Transport.UNIX)).as("unix with tcp")
                .isEqualTo(entry.transports().contains(Transport.TCP) && !entry.name().equals("ftp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void eachEntryIsFoundByItsName(ServiceInfo entry) {
        assertThat(ServiceCatalog.find(entry.name())).containsSame(entry);
    }

    @Test
    void aServiceWithBothHalvesServesThemWithOneObject() {
        ServiceHalves hello = ServiceCatalog.find("hello").orElseThrow().make(DEFAULTS);

        assertThat(hello.datagram().orElseThrow()).isSameAs(hello.stream().orElseThrow());
    }

    @Test
    void chatIsServedOverStreamsAlone() {
        ServiceInfo chat = ServiceCatalog.find("chat").orElseThrow();

        assertThat(chat.transports()).containsExactlyInAnyOrder(Transport.TCP, Transport.UNIX);
        assertThat(chat.make(DEFAULTS).datagram()).isEmpty();
    }

    @Test
    void chatIsServedByTheSettingsOneChatServiceThatHttpServesToBrowsersToo() {
        assertThat(ServiceCatalog.find("chat").orElseThrow().make(DEFAULTS).stream()).containsSame(DEFAULTS.chatService());
    }

    @Test
    void ftpIsServedOverTcpAloneAndByDefaultOnlyWithItsRoot() {
        ServiceInfo ftp = ServiceCatalog.find("ftp").orElseThrow();

        assertThat(ftp.transports()).containsExactly(Transport.TCP);
        assertThat(ftp.defaultOnlyWith()).contains("--ftp-root");
        assertThat(ServiceCatalog.all()).filteredOn(s -> s.defaultOnlyWith().isPresent()).extracting(ServiceInfo::name)
                .contains("ftp");
    }

    @Test
    void theClassicAmplifiersServeUdpOnlyWhenNamed() {
        assertThat(ServiceCatalog.all()).filteredOn(ServiceInfo::udpOnlyWhenNamed).extracting(ServiceInfo::name)
                .containsExactlyInAnyOrder("qotd", "chargen");
    }

    @Test
    void tftpIsServedOverUdpAloneAndByDefaultOnlyWithItsRoot() {
        ServiceInfo tftp = ServiceCatalog.find("tftp").orElseThrow();

        assertThat(tftp.transports()).containsExactly(Transport.UDP);
        assertThat(tftp.port(false)).isEqualTo(10069);
        assertThat(tftp.port(true)).isEqualTo(69);
        assertThat(tftp.defaultOnlyWith()).contains("--tftp-root");
        assertThat(ServiceCatalog.find("hello").orElseThrow().defaultOnlyWith()).isEmpty();
    }
}
