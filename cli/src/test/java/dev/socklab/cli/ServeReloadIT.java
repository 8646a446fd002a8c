package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.testing.RawClient;

/**
 * {@code kill -HUP} to a {@code ./socklab serve --config FILE} process: the file is read again and
 * what changed is applied and logged, while a chat member stays connected; a file that fails its
 * check changes nothing, and a new port is named as needing a restart.
 */
@Timeout(90)
class ServeReloadIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void sighupReloadsTheFileWithoutDroppingAChatMember() throws Exception {
        Path config = dir.resolve("socklab.toml");
        Files.writeString(config, """
                services = ["chat:0/tcp"]
                bind = ["127.0.0.1"]
                idle-timeout = "60s"

                [chat]
                max-members = 50
                """);
        try (Launched server = Launched.socklab("serve", "--config", config.toString())) {
            int port = server.boundPort("chat", "tcp", "127.0.0.1");
            Endpoint chat = Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            try (RawClient alice = RawClient.connect(chat)) {
                String nick = nickOf(alice);
                awaitLine(alice, "-- " + nick + " joined lobby");

                Files.writeString(config, """
                        services = ["chat:0/tcp"]
                        bind = ["127.0.0.1"]
                        idle-timeout = "30s"
                        log-level = "warn"

                        [chat]
                        max-members = 1
                        """);
                hangUp(server);

                server.awaitLine(line -> line.endsWith(" reloaded: idle timeout: 1m -> 30s"), SOON);
                server.awaitLine(line -> line.endsWith(" reloaded: chat: --chat-max-members: 50 -> 1"), SOON);
                // Said before the level rises: the lines of the reload that raises it are still shown.
                server.awaitLine(line -> line.endsWith(" reloaded: --log-level: info -> warn"), SOON);
                alice.send("/who\n");
                awaitLine(alice, "-- in lobby (1): " + nick);
                assertLobbyFull(chat);

                // A key no flag has: the file fails its check, and the limit it also raises is not applied.
                Files.writeString(config, """
                        services = ["chat:0/tcp"]
                        bind = ["127.0.0.1"]
                        idle-timeout = "30s"
                        log-level = "warn"
                        no-such-key = 1

                        [chat]
                        max-members = 5
                        """);
                hangUp(server);

                server.awaitLine(line -> line.contains(" WARN not reloaded: ") && line.contains("no-such-key"), SOON);
                assertLobbyFull(chat);

                // A new port cannot be taken by a running server: named, and nothing else applied either.
                Files.writeString(config, """
                        services = ["chat:0/tcp", "hello:0/tcp"]
                        bind = ["127.0.0.1"]
                        idle-timeout = "30s"
                        log-level = "warn"

                        [chat]
                        max-members = 5
                        """);
                hangUp(server);

                server.awaitLine(line -> line.endsWith(" WARN needs a restart: hello tcp 127.0.0.1:0 is new"), SOON);
                server.awaitLine(line -> line.contains(" WARN not reloaded: what needs a restart"), SOON);
                assertLobbyFull(chat);

                alice.send("still here\n");
                awaitLine(alice, "<" + nick + "> still here");
            }
            server.terminate();
            assertThat(server.exitWithin(START)).isZero();
        }
    }

    @Test
    void sighupHoldsAChatMemberAlreadyInToTheNewLineLengthAndIdleTimeout() throws Exception {
        Path config = dir.resolve("socklab.toml");
        Files.writeString(config, """
                services = ["chat:0/tcp"]
                bind = ["127.0.0.1"]
                """);
        try (Launched server = Launched.socklab("serve", "--config", config.toString())) {
            int port = server.boundPort("chat", "tcp", "127.0.0.1");
            Endpoint chat = Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            try (RawClient alice = RawClient.connect(chat)) {
                String nick = nickOf(alice);
                awaitLine(alice, "-- " + nick + " joined lobby");

                Files.writeString(config, """
                        services = ["chat:0/tcp"]
                        bind = ["127.0.0.1"]

                        [chat]
                        max-line = 100
                        idle-timeout = "2s"
                        """);
                hangUp(server);
                server.awaitLine(line -> line.endsWith(" reloaded: chat: --chat-idle-timeout: 30m -> 2s"), SOON);

                // alice's read began before the reload, with 30 minutes to go and lines of 512 bytes allowed.
                alice.send("y".repeat(101) + "\n");
                awaitLine(alice, "!! line too long (at most 100 bytes): not sent");
                assertThat(alice.closedWithin(SOON)).as("closed after 2 s quiet").isTrue();
            }
            server.terminate();
            assertThat(server.exitWithin(START)).isZero();
        }
    }

    /** {@code kill -HUP PID}, as an operator sends it. */
    private static void hangUp(Launched server) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(server.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -HUP").isZero();
    }

    /** A second member finds the lobby full: the limit of one member is in force. */
    private static void assertLobbyFull(Endpoint chat) throws IOException {
        try (RawClient bob = RawClient.connect(chat)) {
            nickOf(bob);
            awaitLine(bob, "!! lobby is full (1 members): /join another room");
        }
    }

    /** The welcome's nickname. */
    private static String nickOf(RawClient member) throws IOException {
        String welcome = text(member.readLine(SOON));
        assertThat(welcome).startsWith("-- welcome to socklab chat, ");
        return welcome.substring("-- welcome to socklab chat, ".length());
    }

    /** Reads lines, their time stamps taken off, until {@code expected}. */
    private static void awaitLine(RawClient member, String expected) throws IOException {
        for (int i = 0; i < 100; i++) {
            if (text(member.readLine(SOON)).equals(expected)) {
                return;
            }
        }
        throw new AssertionError("no line " + expected);
    }

    /** A chat line without its {@code [HH:MM:SS] } stamp. */
    private static String text(String line) {
        return line.substring(11);
    }
}
