package dev.socklab.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.service.StreamService;
import dev.socklab.services.chargen.ChargenService;
import dev.socklab.services.echo.EchoService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;

/**
 * A client that stops reading is closed once a write has stalled past the write timeout, for each
 * service that can send more than the socket buffers hold (the others write a line or a few bytes,
 * which never stall; chat sends through its outbox, which has bounds of its own on top).
 */
@Timeout(20)
class WriteTimeoutTest {
    private static final Duration WRITE = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Far more than loopback buffers hold both ways, so that echo's writes must stall. */
    private static final int MAX_SENT_CHUNKS = 1024;

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    enum Flood {
        /** Sends bytes it never reads back. */
        ECHO(new EchoService(), true),
        /** Never reads the characters that come. */
        CHARGEN(new ChargenService(1), false);

        final StreamService service;
        final boolean clientSends;

        Flood(StreamService service, boolean clientSends) {
            this.service = service;
            this.clientSends = clientSends;
        }
    }

    @ParameterizedTest
    @EnumSource(Flood.class)
    void aClientThatStopsReadingIsClosedOnceAWriteStallsPastTheWriteTimeout(Flood flood) throws IOException {
        // The idle timeout stays at its minute and the first-request deadline is off: only the write timeout may end this.
        Limits limits = Limits.DEFAULTS.withWriteTimeout(WRITE).withFirstRequestTimeout(Duration.ZERO);
        String name = flood.name().toLowerCase();
        Server server = servers.start(Server.builder().limits(limits)
                .stream(name, flood.service, Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0))));
        InetSocketAddress address = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
        try (LogCapture log = LogCapture.socklab(); Socket socket = new Socket()) {
            socket.connect(address);
            String expected = name + "#1 tcp " + socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort()
                    + " -> ";
            if (flood.clientSends) {
                sendUntilRefused(socket.getOutputStream());
            }

            String line = log.await(text -> text.startsWith(expected), WAIT);

            assertThat(line).contains("timed out: a write made no progress for 300ms");
        }
    }

    /** Writes until the server, no longer reading, closes: the reset ends the loop. */
    private static void sendUntilRefused(OutputStream out) {
        byte[] chunk = new byte[64 * 1024];
        try {
            for (int i = 0; i < MAX_SENT_CHUNKS; i++) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // The server closed the connection: what this client was waiting for.
        }
    }
}
