package dev.socklab.services;

import static dev.socklab.services.ServiceInfo.datagramOnly;
import static dev.socklab.services.ServiceInfo.streamAndDatagram;
import static dev.socklab.services.ServiceInfo.streamOnly;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.socklab.rpc.JsonRpcService;
import dev.socklab.services.arena.ArenaService;
import dev.socklab.services.arp.ArpService;
import dev.socklab.services.arp.RarpService;
import dev.socklab.services.chargen.ChargenService;
import dev.socklab.services.connect4.Connect4Service;
import dev.socklab.services.daytime.DaytimeService;
import dev.socklab.services.discard.DiscardService;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.ftp.FtpService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.qotd.QotdService;
import dev.socklab.services.tftp.TftpService;
import dev.socklab.services.time.TimeService;

/**
 * The built-in services, the one list of them: each entry names its service, its ports and its
 * transports, and makes it from the {@link ServiceSettings}. A new service is an entry here and a
 * package of its own. Default ports are 10000 plus the IANA port for the classic services (so that
 * daytime, IANA port 13, is on 10013), and free numbers from 10000 up for the others.
 */
public final class ServiceCatalog {
    private static final List<ServiceInfo> ALL = List.of(
            streamAndDatagram("hello", "sends a greeting (\"Hello World!\") and closes", "the lab", 10000,
                    OptionalInt.empty(), settings -> new HelloService(settings.greeting())),
            streamAndDatagram("arp", "looks up the hardware address of an IP address", "the lab", 10001,
                    OptionalInt.empty(), settings -> new ArpService(settings.arpTable(), settings.requestPause())),
            streamAndDatagram("rarp", "looks up the IP addresses of a hardware address", "the lab", 10002,
                    OptionalInt.empty(), settings -> new RarpService(settings.arpTable(), settings.requestPause())),
            streamOnly("chat", "multi-user chat: rooms, nicknames, private messages, history", "socklab", 10003,
                    OptionalInt.empty(), ServiceSettings::chatService),
            streamOnly("connect4", "connect four for two players: a lobby, /play, /challenge NICK; works with telnet and nc",
                    "socklab", 10004, OptionalInt.empty(), settings -> new Connect4Service(settings.connect4())),
            streamAndDatagram("echo", "sends every byte back", "RFC 862", 10007, OptionalInt.of(7),
                    settings -> new EchoService()),
            streamAndDatagram("discard", "reads everything and sends nothing", "RFC 863", 10009, OptionalInt.of(9),
                    settings -> new DiscardService()),
            streamAndDatagram("daytime", "sends the date and time, logs the client's acknowledgement", "RFC 867",
                    10013, OptionalInt.of(13),
                    settings -> new DaytimeService(settings.clock(), settings.daytimeFormat(), settings.ackWait())),
            streamAndDatagram("qotd", "sends a quote of the day", "RFC 865", 10017, OptionalInt.of(17),
                    settings -> new QotdService(settings.quotes(), settings.qotdMode(), settings.clock(),
                            settings.udpAmplification())).servedOverUdpOnlyWhenNamed(),
            streamAndDatagram("chargen", "sends lines of characters until the client closes", "RFC 864", 10019,
                    OptionalInt.of(19), settings -> new ChargenService(settings.udpAmplification()))
                    .servedOverUdpOnlyWhenNamed(),
            streamOnly("ftp", "file transfer: passive and active data connections, AUTH TLS, resume (--ftp-root)",
                    "RFC 959", 10021, OptionalInt.of(21), settings -> new FtpService(settings.ftp()))
                    .overTcpOnly().servedByDefaultOnlyWith("--ftp-root"),
            streamAndDatagram("time", "sends the time as 32-bit seconds since 1900", "RFC 868", 10037,
                    OptionalInt.of(37), settings -> new TimeService(Clock.systemUTC())),
            datagramOnly("tftp", "trivial file transfer: gets, and puts with --tftp-write (--tftp-root)", "RFC 1350",
                    10069, OptionalInt.of(69), settings -> TftpService.of(settings.tftp()))
                    .servedByDefaultOnlyWith("--tftp-root"),
            streamOnly("http", "HTTP/1.1: test endpoints, files (--http-root), WebSocket echo, chat and arena in a browser",
                    "RFC 9112", 10080, OptionalInt.of(80),
                    settings -> HttpService.of(settings.http(), settings.chatService(), settings.arena(),
                            settings.rpcProtocols())),
            streamOnly("rpc", "remote procedure calls: JSON-RPC a line at a time; on http, /jsonrpc and XML-RPC at /RPC2",
                    "JSON-RPC 2.0", 10111, OptionalInt.empty(),
                    settings -> new JsonRpcService(settings.rpcProtocols()::json)),
            datagramOnly("arena", "a real-time game: an authoritative server, prediction, lag and loss to play with",
                    "socklab", 10666, OptionalInt.empty(), settings -> new ArenaService(settings.arena())));

    private ServiceCatalog() {
    }

    /** Every built-in service, in the order {@code socklab services} lists them. */
    public static List<ServiceInfo> all() {
        return ALL;
    }

    /** The service called {@code name}, if there is one. */
    public static Optional<ServiceInfo> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
