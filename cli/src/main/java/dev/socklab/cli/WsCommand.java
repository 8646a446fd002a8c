package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.client.WebSocketClient;
import dev.socklab.client.WebSocketUrl;
import dev.socklab.websocket.CloseCodes;
import dev.socklab.websocket.Message;

/**
 * {@code socklab ws}: a WebSocket client, like {@code wscat}. Not a {@link ClientCommand}: it takes
 * a URL, and WebSocket has no UDP side.
 */
@Command(name = "ws", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Talks to a WebSocket server (RFC 6455), like wscat: each line of standard input goes as a text"
                + " message, and each message that comes is printed as a line; a binary one as its length and first"
                + " bytes in hex.",
                "At the end of the input the client closes the WebSocket and waits, within --timeout, for the"
                + " server's close."},
        footer = {"", "Exit code 0 when the server closes normally (1000, or a close with no code);",
                "4 when it closes with another code, breaks the protocol or drops the connection.", "", "Examples:",
                "  socklab ws                           the echo at ws://localhost:10080/ws",
                "  echo hello | socklab ws ws://127.0.0.1:10080/ws",
                "  socklab ws --unix /tmp/http.sock ws://localhost/ws",
                "  socklab ws --ca cert.pem wss://localhost:10443/ws"})
final class WsCommand implements Callable<Integer>, ServerText.Printer {
    private static final String WHO = "ws";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "ws://HOST[:PORT][/PATH] (default: ${DEFAULT-VALUE}), or wss:// for TLS, on 443 unless"
                    + " given; with --unix, HOST is only the Host field's value and the name TLS checks.")
    String url = "ws://localhost:10080/ws";

    @Mixin
    ClientOptions options;

    /** Not offered, since WebSocket has no UDP side: taken only to tell whoever tries it so. */
    @Option(names = "--udp", hidden = true)
    boolean udp;

    /** How the server's text is printed: made visible when standard output is a terminal. */
    ServerText serverText = ServerText.forStandardOutput();

    @Override
    public void serverText(ServerText how) {
        serverText = how;
    }

    @Override
    public Integer call() throws IOException {
        if (udp) {
            throw new Errors.UsageException("a WebSocket runs over TCP or a Unix socket, not UDP: drop --udp");
        }
        WebSocketUrl target = WebSocketUrl.parse(url, options.tls.tls);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Message.Close close = options.talkHttp(target.host(), target.port(), WHO, target.tls(),
                conn -> WebSocketClient.open(conn, target, options.timeout).relay(in, this::print));
        if (close.code() != CloseCodes.NORMAL && close.code() != CloseCodes.NO_STATUS) {
            throw new ProtocolException("the server closed the WebSocket with " + close.code()
                    + (close.reason().isEmpty() ? "" : " (" + close.reason() + ")"));
        }
        return ExitCode.OK.code;
    }

    private void print(String message) {
        spec.commandLine().getOut().println(serverText.shown(message));
        spec.commandLine().getOut().flush();
    }
}
