package dev.socklab.services;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.services.arena.Arena;
import dev.socklab.services.arena.ArenaSettings;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.connect4.Connect4Settings;
import dev.socklab.services.ftp.FtpSettings;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.qotd.QotdMode;
import dev.socklab.services.qotd.Quotes;
import dev.socklab.services.rpc.RpcProtocols;
import dev.socklab.services.tftp.TftpSettings;

/**
 * What the built-in services are made from, a method a setting. Each {@link ServiceCatalog} entry
 * asks for what its own service needs and nothing else, so a setting is read, and checked, only
 * when its service is served: a quotes file that cannot be read matters to qotd alone.
 * {@code socklab serve}'s options implement it. A setting that cannot be used throws a
 * {@link dev.socklab.runtime.SettingException} (or, for an address, a
 * {@link dev.socklab.net.AddressException}) whose message is one sentence for the user.
 */
public interface ServiceSettings {
    /** hello: what it says. */
    String greeting();

    /** daytime, chat, and qotd's daily quote: the clock, in the time zone asked for. */
    Clock clock();

    /** daytime: how the date is written. */
    DateTimeFormatter daytimeFormat();

    /** daytime: how long the client may stay quiet while acknowledging. */
    Duration ackWait();

    /** arp and rarp: their table, the same one on every call, so that both answer from one. */
    ArpTable arpTable();

    /** arp and rarp: a request with no line end ends when the client pauses this long. */
    Duration requestPause();

    /** qotd: the quotes it picks from. */
    Quotes quotes();

    /** qotd: how it picks. */
    QotdMode qotdMode();

    /** chargen and qotd over UDP: a reply is at most this many times its request. */
    int udpAmplification();

    /** chat: its limits. */
    ChatSettings chat();

    /**
     * chat, and http's chat in a browser: the chat, made from {@link #chat} and {@link #clock}, the same one on
     * every call, so that members over {@code nc} and in a browser share its rooms.
     */
    ChatService chatService();

    /** connect4: its time limits and bounds. */
    Connect4Settings connect4();

    /** http: its files, uploads, limits and timeouts. */
    HttpSettings http();

    /** ftp: its root, accounts, data connections and limits. */
    FtpSettings ftp();

    /** tftp: its root, what it may write, its caps and limits. */
    TftpSettings tftp();

    /** rpc, and http's {@code /jsonrpc} and {@code /RPC2}: what one request may cost, and XML-RPC's nil. */
    RpcLimits rpc();

    /**
     * rpc, and http's {@code /jsonrpc} and {@code /RPC2}: the built-in methods
     * ({@link dev.socklab.services.rpc.BuiltinMethods}), made from {@link #arpTable}, {@link #clock}, the daytime
     * settings and {@link #chatService}, the same table on every call, so that all three transports call one.
     */
    MethodTable rpcMethods();

    /**
     * rpc, and http's {@code /jsonrpc} and {@code /RPC2}: JSON-RPC and XML-RPC over {@link #rpcMethods} within
     * {@link #rpc}, the same on every call, so that a reload changes the limits of all three transports at once.
     */
    RpcProtocols rpcProtocols();

    /** arena: its rates and bounds, checked; what {@link #arena} is made from, and what a reload reads. */
    ArenaSettings arenaSettings();

    /**
     * arena: the one arena, made from its settings, the same one on every call, so that players over UDP and
     * in a browser play in it together.
     */
    Arena arena();
}
