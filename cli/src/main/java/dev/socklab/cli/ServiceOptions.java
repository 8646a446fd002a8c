package dev.socklab.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.socklab.net.AddressException;
import dev.socklab.net.PortRange;
import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.runtime.SettingException;
import dev.socklab.text.Durations;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceSettings;
import dev.socklab.services.ZoneClock;
import dev.socklab.services.arena.Arena;
import dev.socklab.services.arena.ArenaSettings;
import dev.socklab.services.arp.ArpService;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.arp.RarpService;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.connect4.Connect4Settings;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.daytime.DaytimeService;
import dev.socklab.services.ftp.Accounts;
import dev.socklab.services.ftp.FtpAccount;
import dev.socklab.services.ftp.FtpSettings;
import dev.socklab.services.ftpusers.FtpUsers;
import dev.socklab.services.hello.HelloService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.qotd.QotdMode;
import dev.socklab.services.qotd.Quotes;
import dev.socklab.services.rpc.BuiltinMethods;
import dev.socklab.services.rpc.RpcProtocols;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.UploadLimits;
import dev.socklab.services.tftp.TftpSettings;

/**
 * The options of each built-in service: the {@link ServiceSettings} the catalog makes them from.
 * Each is read, and checked, when a service served asks for it.
 */
final class ServiceOptions implements ServiceSettings {
    @Option(names = "--greeting", paramLabel = "TEXT", description = "hello: what it says (default: ${DEFAULT-VALUE}).")
    String greeting = HelloService.DEFAULT_GREETING;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "daytime: lab (dd/MM/yyyy HH:mm:ss), iso, rfc1123, or a java.time pattern (default: lab).")
    String format = "lab";

    @Option(names = "--zone", paramLabel = "ZONE", description = "daytime, chat, qotd --qotd-mode daily: the time zone, such as UTC or Europe/Paris (default: this machine's).")
    String zone;

    @Option(names = "--ack-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "daytime: how long the client may stay quiet while acknowledging (default: 2s).")
    Duration ackWait = DaytimeService.DEFAULT_ACK_WAIT;

    @Option(names = "--arp-table", paramLabel = "FILE",
            description = "arp, rarp: a table in /etc/ethers format, repeatable; reloaded when it changes.")
    List<Path> arpTables = new ArrayList<>();

    @Option(names = "--arp-entry", paramLabel = "IP=HW", description = "arp, rarp: one entry, repeatable, such as 10.0.0.1=0A:0B:0C:0D.")
    List<String> arpEntries = new ArrayList<>();

    @Option(names = "--arp-source", paramLabel = "system",
            description = "arp, rarp: also answer from the kernel's neighbour table (Linux, IPv4, read-only).")
    String arpSource;

    @Option(names = "--request-pause", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "arp, rarp: a request with no line end ends when the client pauses this long (default: 200ms).")
    Duration requestPause = Duration.ofMillis(200);

    @Option(names = "--quotes", paramLabel = "FILE", description = "qotd: quotes from a file, one a paragraph (default: socklab's own).")
    Path quotes;

    // The default as the user types it: picocli prints an enum's own default by its constant's name.
    @Option(names = "--qotd-mode", paramLabel = "MODE", defaultValue = "random", description = "qotd: random, or daily (the same quote all day); default: ${DEFAULT-VALUE}.")
    QotdMode qotdMode = QotdMode.RANDOM;

    @Option(names = "--udp-amplification", paramLabel = "N",
            description = "chargen, qotd over UDP: a reply is at most N times its request (default: ${DEFAULT-VALUE}).")
    int udpAmplification = 1;

    @Option(names = "--chat-history", paramLabel = "N", description = "chat: messages a room keeps for whoever joins (default: ${DEFAULT-VALUE}).")
    int chatHistory = ChatSettings.DEFAULTS.history();

    @Option(names = "--chat-max-rooms", paramLabel = "N", description = "chat: rooms at once, lobby included (default: ${DEFAULT-VALUE}).")
    int chatMaxRooms = ChatSettings.DEFAULTS.maxRooms();

    @Option(names = "--chat-max-members", paramLabel = "N", description = "chat: members in one room (default: ${DEFAULT-VALUE}).")
    int chatMaxMembers = ChatSettings.DEFAULTS.maxMembers();

    @Option(names = "--chat-max-line", paramLabel = "BYTES", description = "chat: the longest line a member may send (default: ${DEFAULT-VALUE}).")
    int chatMaxLine = ChatSettings.DEFAULTS.maxLineBytes();

    @Option(names = "--chat-rate", paramLabel = "N", description = "chat: lines a second a member may send, 0 for no limit (default: ${DEFAULT-VALUE}).")
    int chatRate = ChatSettings.DEFAULTS.rate();

    @Option(names = "--chat-burst", paramLabel = "N", description = "chat: lines a member may send at once (default: ${DEFAULT-VALUE}).")
    int chatBurst = ChatSettings.DEFAULTS.burst();

    @Option(names = "--chat-send-queue", paramLabel = "BYTES",
            description = "chat: bytes waiting for a member before it is disconnected (default: ${DEFAULT-VALUE}).")
    int chatSendQueue = ChatSettings.DEFAULTS.sendQueueBytes();

    @Option(names = "--chat-max-lag", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "chat: how long bytes may wait for a member before it is disconnected (default: 30s).")
    Duration chatMaxLag = ChatSettings.DEFAULTS.maxLag();

    @Option(names = "--chat-idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "chat: how long a member may send nothing (default: 30m).")
    Duration chatIdleTimeout = ChatSettings.DEFAULTS.idleTimeout();

    @Option(names = "--connect4-move-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "connect4: how long a player may take over a move before losing the game (default: 1m).")
    Duration connect4MoveTimeout = Connect4Settings.DEFAULTS.moveTimeout();

    @Option(names = "--connect4-challenge-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "connect4: how long a challenge may wait to be accepted (default: 1m).")
    Duration connect4ChallengeTimeout = Connect4Settings.DEFAULTS.challengeTimeout();

    @Option(names = "--connect4-max-players", paramLabel = "N",
            description = "connect4: players connected at once (default: ${DEFAULT-VALUE}).")
    int connect4MaxPlayers = Connect4Settings.DEFAULTS.maxPlayers();

    @Option(names = "--connect4-max-games", paramLabel = "N", description = "connect4: games at once (default: ${DEFAULT-VALUE}).")
    int connect4MaxGames = Connect4Settings.DEFAULTS.maxGames();

    @Option(names = "--connect4-max-spectators", paramLabel = "N",
            description = "connect4: spectators of one game (default: ${DEFAULT-VALUE}).")
    int connect4MaxSpectators = Connect4Settings.DEFAULTS.maxSpectators();

    @Option(names = "--connect4-max-line", paramLabel = "BYTES",
            description = "connect4: the longest line a player may send (default: ${DEFAULT-VALUE}).")
    int connect4MaxLine = Connect4Settings.DEFAULTS.maxLineBytes();

    @Option(names = "--connect4-rate", paramLabel = "N",
            description = "connect4: lines a second a player may send, 0 for no limit (default: ${DEFAULT-VALUE}).")
    int connect4Rate = Connect4Settings.DEFAULTS.rate();

    @Option(names = "--connect4-burst", paramLabel = "N", description = "connect4: lines a player may send at once (default: ${DEFAULT-VALUE}).")
    int connect4Burst = Connect4Settings.DEFAULTS.burst();

    @Option(names = "--connect4-idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "connect4: how long a player may send nothing (default: 30m).")
    Duration connect4IdleTimeout = Connect4Settings.DEFAULTS.idleTimeout();

    /** Made on first use, and shared by arp and rarp. */
    @Option(names = "--http-root", paramLabel = "DIR", description = "http: serve the files under DIR (default: no files, the test endpoints alone).")
    Path httpRoot;

    @Option(names = "--http-upload", description = "http: let PUT write files into the --http-root directory.")
    boolean httpUpload;

    @Option(names = "--http-max-request-line", paramLabel = "BYTES",
            description = "http: the longest request line, with its CRLF; longer gets 414 (default: ${DEFAULT-VALUE}).")
    int httpMaxRequestLine = HttpSettings.defaults().maxRequestLine();

    @Option(names = "--http-max-head", paramLabel = "BYTES",
            description = "http: the most bytes of header fields, each with its CRLF; more gets 431 (default: ${DEFAULT-VALUE}).")
    int httpMaxHead = HttpSettings.defaults().maxHeadBytes();

    @Option(names = "--http-max-fields", paramLabel = "N", description = "http: the most header fields; more gets 431 (default: ${DEFAULT-VALUE}).")
    int httpMaxFields = HttpSettings.defaults().maxFields();

    @Option(names = "--http-max-body", paramLabel = "BYTES", description = "http: the longest request body; longer gets 413 (default: ${DEFAULT-VALUE}).")
    long httpMaxBody = HttpSettings.defaults().maxBody();

    @Option(names = "--http-head-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "http: how long each request's head may take to arrive, on every request of a connection (default: 10s).")
    Duration httpHeadTimeout = HttpSettings.defaults().headTimeout();

    @Option(names = "--http-request-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "http: how long one whole request, body included, may take to arrive (default: 30s).")
    Duration httpRequestTimeout = HttpSettings.defaults().requestTimeout();

    @Option(names = "--http-keep-alive", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "http: how long a connection may wait for its next request (default: 1m).")
    Duration httpKeepAlive = HttpSettings.defaults().keepAliveTimeout();

    @Option(names = "--ws-max-message", paramLabel = "BYTES",
            description = "http: the longest WebSocket message, its fragments together (default: ${DEFAULT-VALUE}).")
    int wsMaxMessage = HttpSettings.defaults().wsMaxMessage();

    @Option(names = "--ftp-root", paramLabel = "DIR",
            description = "ftp: serve and store the files under DIR; ftp is served only with it.")
    Path ftpRoot;

    @Option(names = "--ftp-users", paramLabel = "FILE",
            description = "ftp: the accounts, NAME:BCRYPT-HASH[:read-only] a line, as socklab ftp-passwd writes them.")
    Path ftpUsers;

    @Option(names = "--ftp-anonymous", description = "ftp: let anyone log in as anonymous or ftp, with any password, to read.")
    boolean ftpAnonymous;

    @Option(names = "--ftp-pasv-ports", paramLabel = "LOW-HIGH",
            description = "ftp: the ports passive data connections listen on, such as 50000-50100 (default: any free port).")
    String ftpPasvPorts;

    @Option(names = "--ftp-pasv-address", paramLabel = "IPV4",
            description = "ftp: the address PASV tells clients to connect to, behind NAT (default: the server's own).")
    String ftpPasvAddress;

    @Option(names = "--ftp-active", description = "ftp: serve PORT and EPRT too (active mode), to the client's own address alone.")
    boolean ftpActive;

    @Option(names = "--ftp-max-upload", paramLabel = "BYTES", description = "ftp: the largest file one upload may store (default: ${DEFAULT-VALUE}).")
    long ftpMaxUpload = UploadLimits.DEFAULTS.maxUploadBytes();

    @Option(names = "--ftp-quota-per-source", paramLabel = "BYTES",
            description = "ftp: the most bytes one client address may store while the server runs (default: ${DEFAULT-VALUE}).")
    long ftpQuotaPerSource = UploadLimits.DEFAULTS.maxBytesPerSource();

    @Option(names = "--tftp-root", paramLabel = "DIR", description = "tftp: serve the files under DIR; tftp is served only with it.")
    Path tftpRoot;

    @Option(names = "--tftp-write", description = "tftp: let an upload replace an existing file under --tftp-root.")
    boolean tftpWrite;

    @Option(names = "--tftp-create", description = "tftp: let an upload create a new file too (tftpd-hpa's -c); implies --tftp-write.")
    boolean tftpCreate;

    @Option(names = "--tftp-max-blksize", paramLabel = "BYTES",
            description = "tftp: the largest blksize granted, 8 to 65464; a larger request gets this (default: ${DEFAULT-VALUE}).")
    int tftpMaxBlksize = TftpSettings.DEFAULT_MAX_BLOCK_SIZE;

    @Option(names = "--tftp-max-windowsize", paramLabel = "N",
            description = "tftp: the largest windowsize granted, 1 to 65535; a larger request gets this (default: ${DEFAULT-VALUE}).")
    int tftpMaxWindowsize = TftpSettings.DEFAULT_MAX_WINDOW_SIZE;

    @Option(names = "--tftp-max-transfers", paramLabel = "N", description = "tftp: transfers at once, in all (default: ${DEFAULT-VALUE}).")
    int tftpMaxTransfers = TftpSettings.DEFAULT_MAX_TRANSFERS;

    @Option(names = "--tftp-max-transfers-per-source", paramLabel = "N",
            description = "tftp: transfers at once with one client address (default: ${DEFAULT-VALUE}).")
    int tftpMaxTransfersPerSource = TftpSettings.DEFAULT_MAX_TRANSFERS_PER_SOURCE;

    @Option(names = "--port-range", paramLabel = "LOW-HIGH",
            description = "tftp: the ports a transfer's own socket takes, such as 50000-50100 (default: any free port).")
    String portRange;

    @Option(names = "--tftp-max-upload", paramLabel = "BYTES", description = "tftp: the largest file one upload may store (default: ${DEFAULT-VALUE}).")
    long tftpMaxUpload = UploadLimits.DEFAULTS.maxUploadBytes();

    @Option(names = "--tftp-quota-per-source", paramLabel = "BYTES",
            description = "tftp: the most bytes one client address may store while the server runs (default: ${DEFAULT-VALUE}).")
    long tftpQuotaPerSource = UploadLimits.DEFAULTS.maxBytesPerSource();

    @Option(names = "--rpc-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "rpc, http's /jsonrpc and /RPC2: how long a call may run before it is answered -32000 (default: 10s).")
    Duration rpcDeadline = RpcLimits.DEFAULTS.deadline();

    @Option(names = "--rpc-allow-none", description = "rpc: let XML-RPC answer nil (<nil/>) for no value, as Python's allow_none.")
    boolean rpcAllowNone = RpcLimits.DEFAULTS.allowNone();

    @Option(names = "--rpc-max-request", paramLabel = "BYTES",
            description = "rpc: the largest request, a JSON-RPC line or an HTTP body (default: ${DEFAULT-VALUE}).")
    int rpcMaxRequest = RpcLimits.DEFAULTS.maxRequestBytes();

    @Option(names = "--rpc-max-batch", paramLabel = "N",
            description = "rpc: the most calls in a JSON-RPC batch or an XML-RPC multicall (default: ${DEFAULT-VALUE}).")
    int rpcMaxBatch = RpcLimits.DEFAULTS.maxBatch();

    @Option(names = "--arena-tick-rate", paramLabel = "HZ",
            description = "arena: simulation ticks a second, 1 to 120 (default: ${DEFAULT-VALUE}).")
    int arenaTickRate = ArenaSettings.DEFAULTS.tickRate();

    @Option(names = "--arena-snapshot-rate", paramLabel = "HZ",
            description = "arena: snapshots a second to each player, 1 to the tick rate (default: ${DEFAULT-VALUE}).")
    int arenaSnapshotRate = ArenaSettings.DEFAULTS.snapshotRate();

    @Option(names = "--arena-max-players", paramLabel = "N",
            description = "arena: players at once, 1 to 65535; a player past it is refused (default: ${DEFAULT-VALUE}).")
    int arenaMaxPlayers = ArenaSettings.DEFAULTS.maxPlayers();

    @Option(names = "--arena-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "arena: how long a player may send nothing before it is dropped (default: 10s).")
    Duration arenaTimeout = ArenaSettings.DEFAULTS.timeout();

    /** arena: what the network does to what the arena sends (this side's datagrams), to play with lag and loss. */
    @Mixin
    NetworkConditionsOptions arenaConditions = new NetworkConditionsOptions();

    private ArpTable arpTable;
    /** Whether arp and rarp have been told that their table is empty: the rpc methods read it without a word. */
    private boolean arpTableNoticed;
    private ChatService chatService;
    private Arena arena;
    private MethodTable rpcMethods;
    private RpcProtocols rpcProtocols;
    /** The clock of every service that tells the time, made on first use; a reload changes its zone. */
    private ZoneClock clock;
    /** rpc's {@code daytime} method's own, which a reload changes as it does the daytime service. */
    private DaytimeService rpcDaytime;
    /** Hints for the user about the services made, shown once the server listens. */
    private final List<String> notices = new ArrayList<>();

    /**
     * What the services made share and a reload changes in place, each once it was made: the chat, whose
     * members may be in a browser alone (http served without chat), the arena likewise, the clock, rpc's
     * daytime method, and the RPC protocols of rpc and http.
     */
    List<Reloadable> shared() {
        return Stream.of(chatService, arena, clock, rpcDaytime, rpcProtocols).filter(Objects::nonNull)
                .map(Reloadable.class::cast).toList();
    }

    /** What the user should know about the services made so far, one line each. */
    List<String> notices() {
        return notices;
    }

    @Override
    public String greeting() {
        return greeting;
    }

    @Override
    public Duration ackWait() {
        return ackWait;
    }

    @Override
    public Duration requestPause() {
        return requestPause;
    }

    @Override
    public QotdMode qotdMode() {
        return qotdMode;
    }

    @Override
    public ChatSettings chat() {
        return new ChatSettings(chatHistory, chatMaxRooms, chatMaxMembers, chatMaxLine, chatRate, chatBurst,
                chatSendQueue, chatMaxLag, chatIdleTimeout);
    }

    @Override
    public ChatService chatService() {
        if (chatService == null) {
            chatService = new ChatService(chat(), clock());
        }
        return chatService;
    }

    @Override
    public Connect4Settings connect4() {
        return new Connect4Settings(connect4MoveTimeout, connect4ChallengeTimeout, connect4MaxPlayers, connect4MaxGames,
                connect4MaxSpectators, connect4MaxLine, connect4Rate, connect4Burst, connect4IdleTimeout);
    }

    @Override
    public ArenaSettings arenaSettings() {
        within("--arena-tick-rate", arenaTickRate, 1, ArenaSettings.MAX_TICK_RATE);
        within("--arena-snapshot-rate", arenaSnapshotRate, 1, arenaTickRate);
        within("--arena-max-players", arenaMaxPlayers, 1, ArenaSettings.MAX_PLAYERS);
        positive("--arena-timeout", arenaTimeout);
        return new ArenaSettings(arenaTickRate, arenaSnapshotRate, arenaMaxPlayers, arenaTimeout,
                arenaConditions.conditions());
    }

    @Override
    public Arena arena() {
        if (arena == null) {
            ArenaSettings settings = arenaSettings();
            arena = new Arena(settings);
            if (!settings.conditions().isNone()) {
                notices.add("arena: what it sends goes through " + settings.conditions().describe());
            }
        }
        return arena;
    }

    @Override
    public HttpSettings http() {
        positive("--http-max-request-line", httpMaxRequestLine, 16);
        positive("--http-max-head", httpMaxHead, 2);
        positive("--http-max-fields", httpMaxFields, 1);
        positive("--http-max-body", httpMaxBody, 0);
        positive("--ws-max-message", wsMaxMessage, 125);
        positive("--http-head-timeout", httpHeadTimeout);
        positive("--http-request-timeout", httpRequestTimeout);
        positive("--http-keep-alive", httpKeepAlive);
        return new HttpSettings(Optional.ofNullable(httpRoot), httpUpload, httpMaxRequestLine, httpMaxHead,
                httpMaxFields, httpMaxBody, httpHeadTimeout, httpRequestTimeout, httpKeepAlive, wsMaxMessage);
    }

    @Override
    public FtpSettings ftp() {
        if (ftpRoot == null) {
            throw new SettingException("ftp needs --ftp-root DIR: the directory it serves and stores into");
        }
        positive("--ftp-max-upload", ftpMaxUpload, 0);
        positive("--ftp-quota-per-source", ftpQuotaPerSource, 0);
        PortRange ports = ftpPasvPorts();
        Optional<InetAddress> pasvAddress = ftpPasvAddress();
        FileRoot root = FileRoot.of(ftpRoot, "--ftp-root", new UploadLimits(ftpMaxUpload, ftpQuotaPerSource));
        Accounts accounts = Accounts.NONE;
        if (ftpUsers != null) {
            FtpUsers users = FtpUsers.load(ftpUsers);
            accounts = Accounts.readFrom(ftpUsers, (user, password) -> users.authenticate(user, password)
                    .map(account -> new FtpAccount(account.name(), !account.readOnly())));
        }
        if (ftpAnonymous) {
            accounts = accounts.withAnonymous();
        }
        if (ftpUsers == null && !ftpAnonymous) {
            notices.add("ftp: nobody can log in: give --ftp-users FILE (socklab ftp-passwd FILE USER makes one)"
                    + " or --ftp-anonymous");
        }
        FtpSettings defaults = FtpSettings.of(root, accounts);
        return new FtpSettings(root, accounts, ports, pasvAddress, ftpActive, defaults.dataWait(),
                defaults.failedLoginDelay(), defaults.idleTimeout());
    }

    private PortRange ftpPasvPorts() {
        try {
            return ftpPasvPorts == null ? PortRange.ANY : PortRange.parse(ftpPasvPorts);
        } catch (AddressException e) {
            throw new SettingException("--ftp-pasv-ports: " + e.getMessage());
        }
    }

    /** The IPv4 literal PASV gives, never a name to look up. */
    private Optional<InetAddress> ftpPasvAddress() {
        if (ftpPasvAddress == null) {
            return Optional.empty();
        }
        try {
            if (InetAddress.ofLiteral(ftpPasvAddress) instanceof Inet4Address address) {
                return Optional.of(address);
            }
        } catch (IllegalArgumentException e) {
            // Said below, as for an IPv6 address.
        }
        throw new SettingException("--ftp-pasv-address takes an IPv4 address, such as 203.0.113.7, not '"
                + ftpPasvAddress + "': PASV can name no other (EPSV names no address at all)");
    }

    @Override
    public TftpSettings tftp() {
        if (tftpRoot == null) {
            throw new SettingException("tftp needs --tftp-root DIR: the directory whose files it serves");
        }
        within("--tftp-max-blksize", tftpMaxBlksize, TftpSettings.MIN_BLOCK_SIZE, TftpSettings.MAX_BLOCK_SIZE);
        within("--tftp-max-windowsize", tftpMaxWindowsize, 1, TftpSettings.MAX_WINDOW_SIZE);
        positive("--tftp-max-transfers", tftpMaxTransfers, 1);
        positive("--tftp-max-transfers-per-source", tftpMaxTransfersPerSource, 1);
        positive("--tftp-max-upload", tftpMaxUpload, 0);
        positive("--tftp-quota-per-source", tftpQuotaPerSource, 0);
        PortRange ports;
        try {
            ports = portRange == null ? PortRange.ANY : PortRange.parse(portRange);
        } catch (AddressException e) {
            throw new SettingException("--port-range: " + e.getMessage());
        }
        return new TftpSettings(tftpRoot, tftpWrite || tftpCreate, tftpCreate, tftpMaxBlksize, tftpMaxWindowsize,
                tftpMaxTransfers, tftpMaxTransfersPerSource, ports, new UploadLimits(tftpMaxUpload, tftpQuotaPerSource));
    }

    private static void within(String option, long value, long least, long most) {
        if (value < least || value > most) {
            throw new SettingException(option + " must be from " + least + " to " + most + ", not " + value);
        }
    }

    private static void positive(String option, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new SettingException(option + " must be positive, not " + Durations.format(value));
        }
    }

    private static void positive(String option, long value, long least) {
        if (value < least) {
            throw new SettingException(option + " must be at least " + least + ", not " + value);
        }
    }

    @Override
    public int udpAmplification() {
        if (udpAmplification < 1) {
            throw new SettingException("--udp-amplification must be at least 1, not " + udpAmplification);
        }
        return udpAmplification;
    }

    @Override
    public Quotes quotes() {
        return quotes == null ? Quotes.builtIn() : Quotes.load(quotes);
    }

    @Override
    public Clock clock() {
        if (clock != null) {
            return clock;
        }
        if (zone == null) {
            clock = new ZoneClock(ZoneId.systemDefault());
            return clock;
        }
        try {
            clock = new ZoneClock(ZoneId.of(zone));
            return clock;
        } catch (DateTimeException e) {
            throw new SettingException("'" + zone + "' is not a time zone: give one such as UTC, Europe/Paris or +01:00");
        }
    }

    @Override
    public DateTimeFormatter daytimeFormat() {
        return DaytimeFormat.parse(format);
    }

    @Override
    public ArpTable arpTable() {
        ArpTable table = sharedArpTable();
        if (!arpTableNoticed && arpTables.isEmpty() && arpEntries.isEmpty() && arpSource == null) {
            notices.add("arp and rarp: the table is empty, so every lookup is Not Found; give --arp-entry IP=HW,"
                    + " --arp-table FILE or --arp-source system");
        }
        arpTableNoticed = true;
        return table;
    }

    /** The one table of arp, rarp and the rpc methods, made on first use. */
    private ArpTable sharedArpTable() {
        if (arpTable != null) {
            return arpTable;
        }
        if (arpSource != null && !arpSource.equals("system")) {
            throw new SettingException("--arp-source takes 'system' (the kernel's neighbour table), not '"
                    + arpSource + "'");
        }
        ArpTable.Builder builder = ArpTable.builder().system(arpSource != null);
        arpTables.forEach(builder::file);
        arpEntries.forEach(builder::entry);
        arpTable = builder.build();
        return arpTable;
    }

    @Override
    public RpcLimits rpc() {
        positive("--rpc-deadline", rpcDeadline);
        positive("--rpc-max-request", rpcMaxRequest, 64);
        positive("--rpc-max-batch", rpcMaxBatch, 1);
        return new RpcLimits(rpcMaxRequest, rpcMaxBatch, RpcLimits.DEFAULTS.maxDepth(), rpcDeadline, rpcAllowNone);
    }

    @Override
    public RpcProtocols rpcProtocols() {
        if (rpcProtocols == null) {
            rpcProtocols = new RpcProtocols(rpcMethods(), rpc());
        }
        return rpcProtocols;
    }

    @Override
    public MethodTable rpcMethods() {
        if (rpcMethods == null) {
            ArpTable table = sharedArpTable();
            rpcDaytime = new DaytimeService(clock(), daytimeFormat(), ackWait);
            rpcMethods = BuiltinMethods.table(new ArpService(table, requestPause), new RarpService(table, requestPause),
                    rpcDaytime, clock(), chatService());
        }
        return rpcMethods;
    }
}
