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
 * The settings a reload reads, for tests of one service's {@link Reloadable#reload}: a test
 * overrides what its service asks for; anything else it asks for fails the test.
 */
public abstract class FreshSettings implements ServiceSettings {
    private static <T> T notRead(String setting) {
        throw new AssertionError("the reload read " + setting + ", which this test does not give");
    }

    @Override
    public String greeting() {
        return notRead("greeting");
    }

    @Override
    public Clock clock() {
        return notRead("clock");
    }

    @Override
    public DateTimeFormatter daytimeFormat() {
        return notRead("daytimeFormat");
    }

    @Override
    public Duration ackWait() {
        return notRead("ackWait");
    }

    @Override
    public ArpTable arpTable() {
        return notRead("arpTable");
    }

    @Override
    public Duration requestPause() {
        return notRead("requestPause");
    }

    @Override
    public Quotes quotes() {
        return notRead("quotes");
    }

    @Override
    public QotdMode qotdMode() {
        return notRead("qotdMode");
    }

    @Override
    public int udpAmplification() {
        return notRead("udpAmplification");
    }

    @Override
    public ChatSettings chat() {
        return notRead("chat");
    }

    @Override
    public ChatService chatService() {
        return notRead("chatService");
    }

    @Override
    public Connect4Settings connect4() {
        return notRead("connect4");
    }

    @Override
    public HttpSettings http() {
        return notRead("http");
    }

    @Override
    public FtpSettings ftp() {
        return notRead("ftp");
    }

    @Override
    public TftpSettings tftp() {
        return notRead("tftp");
    }

    @Override
    public RpcLimits rpc() {
        return notRead("rpc");
    }

    @Override
    public MethodTable rpcMethods() {
        return notRead("rpcMethods");
    }

    @Override
    public RpcProtocols rpcProtocols() {
        return notRead("rpcProtocols");
    }

    @Override
    public ArenaSettings arenaSettings() {
        return notRead("arenaSettings");
    }

    @Override
    public Arena arena() {
        return notRead("arena");
    }
}
