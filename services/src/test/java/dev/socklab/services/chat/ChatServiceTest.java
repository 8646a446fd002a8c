package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** The chat protocol as docs/services.md gives it, spoken over raw sockets. */
@Timeout(30)
class ChatServiceTest {
    /** The defaults, with no flood control: these tests talk fast. */
    private static final ChatSettings FAST = new ChatSettings(50, 100, 1000, 512, 0, 10, 256 * 1024,
            Duration.ofSeconds(30), Duration.ofMinutes(30));

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private Endpoint serve(ChatSettings settings, StreamTransport transport) {
        return servers.stream("chat", new ChatService(settings, Clock.systemDefaultZone()), transport.endpoint(dir));
    }

    private Endpoint serve(ChatSettings settings) {
        return serve(settings, StreamTransport.TCP_IPV4);
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void aNewMemberIsWelcomedAsAGuestInTheLobbyAndItsLinesReachTheRoomItselfIncluded(StreamTransport transport)
            throws IOException {
        Endpoint chat = serve(FAST, transport);
        try (TestMember first = TestMember.connect(chat)) {
            assertThat(first.nick()).matches("guest-\\d+");
            assertThat(first.next()).isEqualTo("-- " + first.nick() + " joined lobby");
            try (TestMember second = TestMember.connect(chat)) {
                second.await("-- " + second.nick() + " joined lobby");
                first.await("-- " + second.nick() + " joined lobby");

                second.say("hello, world");

                assertThat(first.next()).isEqualTo("<" + second.nick() + "> hello, world");
                assertThat(second.next()).isEqualTo("<" + second.nick() + "> hello, world");
            }
        }
    }

    @Test
    void aStoppingServerTellsEveryMemberWhyAndTheRoomsHearNoDepartures() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember bob = TestMember.named(chat, "bob")) {
            alice.awaitMatching(line -> line.endsWith(" is now bob"), "bob's arrival");
            bob.say("last words before the stop");
            alice.await("<bob> last words before the stop");
            bob.await("<bob> last words before the stop");

            // Far longer than the test may take: the notice, not the grace, ends the members' connections.
            assertThat(servers.server().stop(Duration.ofMinutes(5))).isTrue();

            for (TestMember member : List.of(alice, bob)) {
                assertThat(member.rest()).matches("\\[\\d\\d:\\d\\d:\\d\\d] !! server shutting down\r\n");
            }
        }
    }

    @Test
    void aMemberMayReadTheRoomLongerThanTheFirstRequestDeadlineBeforeTyping() throws IOException {
        Duration deadline = Duration.ofMillis(300);
        Endpoint chat = servers.start(Server.builder().limits(Limits.DEFAULTS.withFirstRequestTimeout(deadline))
                .stream("chat", new ChatService(FAST, Clock.systemDefaultZone()), StreamTransport.TCP_IPV4.endpoint(dir)))
                .bindings().getFirst().endpoint();
        try (TestMember member = TestMember.connect(chat)) {
            member.await("-- " + member.nick() + " joined lobby");

            assertThat(member.closedWithin(deadline.multipliedBy(3))).isFalse();
            member.say("at last");
            member.await("<" + member.nick() + "> at last");
        }
    }

    @Test
    void nicknamesAreUniqueWithoutRegardToCaseAndBounded() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember other = TestMember.named(chat, "other")) {
            other.say("/nick ALICE");
            assertThat(other.next()).isEqualTo("!! nickname taken: ALICE");
            other.say("/nick " + "n".repeat(33));
            assertThat(other.next()).isEqualTo("!! a nickname has 1 to 32 characters, not 33");
            other.say("/nick two words");
            assertThat(other.next()).isEqualTo("!! usage: /nick NAME");
            other.say("/nick");
            assertThat(other.next()).isEqualTo("!! usage: /nick NAME");

            other.say("/nick " + "é".repeat(32));
            other.await("-- other is now " + "é".repeat(32));
            // The old name is free again.
            alice.say("/nick other");
            alice.await("-- alice is now other");
        }
    }

    @Test
    void nicknamesThatHideOrReorderCharactersAreRefusedAndLookAlikesOfATakenOneAreTaken() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember other = TestMember.named(chat, "other")) {
            for (String invisible : List.of("\u200B", "\u200D", "\u202E", "\uFEFF")) {
                other.say("/nick alice" + invisible);
                assertThat(other.next()).isEqualTo("!! a nickname has no invisible, control or direction-changing characters, and U+"
                        + Integer.toHexString(invisible.charAt(0)).toUpperCase(Locale.ROOT) + " is one");
            }
            for (String blank : List.of("\u3164", "\u2800", "\u00A0")) {
                other.say("/nick alice" + blank);
                assertThat(other.next()).isEqualTo("!! a nickname has no spaces or blank characters, and U+"
                        + String.format("%04X", (int) blank.charAt(0)) + " is one");
            }
            // Full-width and mathematical bold letters, and a dotless i, look like alice.
            for (String lookAlike : List.of("\uFF41\uFF4C\uFF49\uFF43\uFF45", "\uD835\uDC00\uD835\uDC0B\uD835\uDC08\uD835\uDC02\uD835\uDC04",
                    "al\u0131ce")) {
                other.say("/nick " + lookAlike);
                assertThat(other.next()).isEqualTo("!! nickname taken: " + lookAlike);
            }
            other.say("/msg \uFF21\uFF2C\uFF29\uFF23\uFF25 found you");
            other.await("-> *alice* found you");
            alice.await("*other* found you");
        }
    }

    @Test
    void bidiControlsZeroWidthCharactersAndLineSeparatorsInMessagesReachNoOneAsThey() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember bob = TestMember.named(chat, "bob")) {
            alice.awaitMatching(line -> line.endsWith(" is now bob"), "bob's arrival");

            bob.say("pay \u202Ekcab\u202C now \u2066x\u2069 zero\u200Bwidth\uFEFF line\u2028break\u2029end");
            String shown = "pay \uFFFDkcab\uFFFD now \uFFFDx\uFFFD zero\uFFFDwidth\uFFFD line break end";
            assertThat(alice.next()).isEqualTo("<bob> " + shown);
            assertThat(bob.next()).isEqualTo("<bob> " + shown);

            bob.say("/me waves\u202E");
            alice.await("* bob waves\uFFFD");
            bob.say("/msg alice \u2067psst");
            assertThat(alice.next()).isEqualTo("*bob* \uFFFDpsst");
            // A family emoji keeps its joiners: between two shown characters they hide nothing.
            String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
            bob.say(family);
            alice.await("<bob> " + family);
            bob.say("/quit \u202Eeyb");
            alice.await("-- bob left lobby (quit: \uFFFDeyb)");
        }
    }

    @Test
    void aMessagePaddedToTheTerminalsWidthCannotStartARowThatLooksLikeTheServers() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember mallory = TestMember.named(chat, "mallory")) {
            alice.awaitMatching(line -> line.endsWith(" is now mallory"), "mallory's arrival");
            String fake = "[07:00:00] -- alice is now root";

            mallory.say("x" + " ".repeat(70) + fake);
            assertThat(alice.next()).isEqualTo("<mallory> x " + fake);
            mallory.say("   " + "\t".repeat(9) + fake + "   ");
            assertThat(alice.next()).isEqualTo("<mallory> " + fake);
            mallory.say("y" + "\u3164".repeat(40) + "\u2800".repeat(20) + "\u00A0".repeat(10) + fake);
            assertThat(alice.next()).isEqualTo("<mallory> y " + fake);
            mallory.say("/me" + " ".repeat(70) + fake);
            assertThat(alice.next()).isEqualTo("* mallory " + fake);
            mallory.say("/quit z" + " ".repeat(70) + fake);
            alice.await("-- mallory left lobby (quit: z " + fake + ")");
        }
    }

    @Test
    void aTelnetSubnegotiationThatNeverEndsIsCutAtItsBoundAndTheMemberIsTold() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice")) {
            // IAC SB TERMINAL-TYPE and 300 bytes with no IAC SE: without a bound, every later line would vanish.
            byte[] open = new byte[3 + 300];
            open[0] = (byte) 255;
            open[1] = (byte) 250;
            open[2] = 24;
            Arrays.fill(open, 3, open.length, (byte) 'x');
            alice.send(open);
            alice.say(" rest of the cut line");
            alice.say("heard again");

            assertThat(alice.next()).isEqualTo("!! telnet subnegotiation (IAC SB) not ended within "
                    + TelnetFilter.MAX_SUBNEGOTIATION_BYTES + " bytes: dropped, with the rest of its line");
            assertThat(alice.next()).isEqualTo("<alice> heard again");
            // One that ends within the bound is stripped as before.
            alice.send(new byte[] {(byte) 255, (byte) 250, 31, 0, 80, 0, 24, (byte) 255, (byte) 240, 'o', 'k', '\n'});
            assertThat(alice.next()).isEqualTo("<alice> ok");
        }
    }

    @Test
    void nicknamesReachTheLogQuotedAndEscapedAndADirectionOverrideNever() throws IOException {
        Endpoint chat = serve(FAST);
        try (LogCapture log = LogCapture.socklab(); TestMember member = TestMember.connect(chat)) {
            member.await("-- " + member.nick() + " joined lobby");
            member.say("/nick \u202Eoor");
            assertThat(member.next()).startsWith("!! a nickname has no invisible");
            member.say("/nick carol");
            member.await("-- " + member.nick() + " is now carol");

            log.awaitContaining("\"" + member.nick() + "\" is now \"carol\"");
            assertThat(log.lines()).noneMatch(line -> line.contains("\u202E"));
        }
    }

    @Test
    void membersMoveBetweenRoomsAndEachRoomHearsOnlyItsOwn() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember bob = TestMember.named(chat, "bob")) {
            alice.awaitMatching(line -> line.endsWith(" is now bob"), "bob's arrival");
            alice.say("/join Games");
            assertThat(alice.next()).isEqualTo("-- alice joined Games");
            bob.await("-- alice left lobby for Games");

            bob.say("in the lobby");
            alice.say("in games");
            bob.await("<bob> in the lobby");
            assertThat(alice.next()).isEqualTo("<alice> in games");

            bob.say("/join games");
            assertThat(bob.next()).as("history first, then the join").isEqualTo("<alice> in games");
            assertThat(bob.next()).isEqualTo("-- bob joined Games");
            assertThat(alice.next()).isEqualTo("-- bob joined Games");
            bob.say("/join GAMES");
            assertThat(bob.next()).isEqualTo("!! you are in Games already");

            bob.say("/who");
            assertThat(bob.next()).isEqualTo("-- in Games (2): alice, bob");
            bob.say("/rooms");
            assertThat(bob.next()).isEqualTo("-- rooms (2): Games 2, lobby 0");

            alice.say("/leave");
            alice.await("-- alice joined lobby");
            bob.await("-- alice left Games for lobby");
            alice.say("/leave");
            assertThat(alice.next()).isEqualTo("!! you are in lobby already");

            bob.say("/leave");
            bob.await("-- bob joined lobby");
            // Games emptied, and went with its history.
            bob.say("/rooms");
            assertThat(bob.next()).isEqualTo("-- rooms (1): lobby 2");
            bob.say("/join games");
            assertThat(bob.next()).isEqualTo("-- bob joined games");
        }
    }

    @Test
    void aRoomKeepsItsLastMessagesForWhoeverJoins() throws IOException {
        ChatSettings three = new ChatSettings(3, 100, 1000, 512, 0, 10, 256 * 1024, Duration.ofSeconds(30),
                Duration.ofMinutes(30));
        Endpoint chat = serve(three);
        try (TestMember alice = TestMember.named(chat, "alice")) {
            alice.say("/join den");
            alice.await("-- alice joined den");
            for (int i = 1; i <= 5; i++) {
                alice.say("message " + i);
            }
            alice.say("/me leaves a note");
            alice.await("* alice leaves a note");
            try (TestMember bob = TestMember.named(chat, "bob")) {
                bob.say("/join den");

                assertThat(List.of(bob.next(), bob.next(), bob.next(), bob.next()))
                        .containsExactly("<alice> message 4", "<alice> message 5", "* alice leaves a note",
                                "-- bob joined den");
            }
        }
    }

    @Test
    void privateMessagesReachTheirTargetAloneInWhateverRoom() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember bob = TestMember.named(chat, "bob");
             TestMember carol = TestMember.named(chat, "carol")) {
            bob.say("/join elsewhere");
            bob.await("-- bob joined elsewhere");

            alice.say("/msg BOB psst, over here");

            alice.await("-> *bob* psst, over here");
            assertThat(bob.next()).isEqualTo("*alice* psst, over here");
            alice.say("/msg nobody hello");
            assertThat(alice.next()).isEqualTo("!! no one is called nobody");
            alice.say("/msg bob");
            assertThat(alice.next()).isEqualTo("!! usage: /msg NICK TEXT");
            // Carol, in the lobby with alice, heard none of it.
            carol.say("/who");
            List<String> heard = carol.awaitMatching(l -> l.startsWith("-- in lobby"), "/who");
            assertThat(heard).noneMatch(l -> l.contains("psst"));
        }
    }

    @Test
    void commandsAnswerTheirUsageAndUnknownOnesSaySo() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice")) {
            alice.say("/dance");
            assertThat(alice.next()).isEqualTo("!! unknown command /dance: /help lists the commands");
            alice.say("/join no/slashes");
            assertThat(alice.next()).isEqualTo("!! 'no/slashes' cannot name a room: use 1 to 32 letters, digits, '-', '_' or '.'");
            alice.say("/me");
            assertThat(alice.next()).isEqualTo("!! usage: /me ACTION");
            alice.say("//join is not a command");
            assertThat(alice.next()).isEqualTo("<alice> /join is not a command");
            alice.say("");
            alice.say("/help");
            assertThat(alice.next()).startsWith("-- /nick NAME");
        }
    }

    @Test
    void quitSaysGoodbyeAndTheRoomHearsTheReason() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember bob = TestMember.named(chat, "bob")) {
            bob.say("/quit off to bed");
            bob.await("-- bye");
            assertThat(bob.closedWithin(TestMember.WAIT)).isTrue();
            alice.await("-- bob left lobby (quit: off to bed)");
        }
    }

    @Test
    void badLinesGetClearErrorsAndTheMemberStays() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice")) {
            alice.say("x".repeat(513));
            assertThat(alice.next()).isEqualTo("!! line too long (at most 512 bytes): not sent");
            alice.say("y".repeat(512));
            assertThat(alice.next()).isEqualTo("<alice> " + "y".repeat(512));
            // A megabyte with no line end is skipped, not held.
            alice.send(new byte[1024 * 1024]);
            alice.say("");
            assertThat(alice.next()).isEqualTo("!! line too long (at most 512 bytes): not sent");
            alice.send(new byte[] {'b', 'a', 'd', (byte) 0xC3, '(', '\n'});
            assertThat(alice.next()).isEqualTo("!! not UTF-8: not sent");
            alice.say("red \u001b[31malert");
            assertThat(alice.next()).isEqualTo("!! control characters are not allowed: not sent");
            // Tab is text, shown as one space: a run of them could pad a line to the terminal's edge.
            alice.say("tabs\tare text");
            assertThat(alice.next()).isEqualTo("<alice> tabs are text");
        }
    }

    @Test
    void telnetNegotiationIsStrippedAndItsLineEndsWork() throws IOException {
        Endpoint chat = serve(FAST);
        try (TestMember alice = TestMember.named(chat, "alice")) {
            // IAC WILL ECHO, IAC SB ... IAC SE, IAC IP, then text ended by telnet's CR NUL.
            alice.send(new byte[] {(byte) 255, (byte) 251, 1, 'h', 'i', (byte) 255, (byte) 250, 24, 1, 'x',
                    (byte) 255, (byte) 240, (byte) 255, (byte) 244, '!', '\r', 0});
            assertThat(alice.next()).isEqualTo("<alice> hi!");
            alice.send(TestMember.bytes("crlf too\r\n"));
            assertThat(alice.next()).isEqualTo("<alice> crlf too");
        }
    }

    @Test
    void pressingEnterIsNoFloodingButLinesSentTooFastStillAre() throws IOException {
        ChatSettings paced = new ChatSettings(50, 100, 1000, 512, 1, 1, 256 * 1024, Duration.ofSeconds(30),
                Duration.ofMinutes(30));
        Endpoint chat = serve(paced);
        try (TestMember member = TestMember.connect(chat)) {
            member.await("-- " + member.nick() + " joined lobby");
            // Enter pressed 30 times, as telnet sends it (CR LF, CR NUL), and lines of blanks: none takes the one token.
            member.send(TestMember.bytes("\r\n".repeat(10) + "\r\0".repeat(10) + " \t \r\n".repeat(10)));
            member.say("one");
            assertThat(member.next()).isEqualTo("<" + member.nick() + "> one");
            member.say("two\nthree");

            assertThat(member.next()).isEqualTo("!! slow down: at most 1 lines a second");
            assertThat(member.next()).isEqualTo("!! disconnected: flooding");
            assertThat(member.closedWithin(TestMember.WAIT)).isTrue();
        }
    }

    @Test
    void aFlooderIsWarnedThenDisconnected() throws IOException {
        // One line a second: the burst is spent long before a token comes back.
        ChatSettings paced = new ChatSettings(50, 100, 1000, 512, 1, 3, 256 * 1024, Duration.ofSeconds(30),
                Duration.ofMinutes(30));
        Endpoint chat = serve(paced);
        try (LogCapture log = LogCapture.socklab(); TestMember watcher = TestMember.connect(chat);
             TestMember flooder = TestMember.connect(chat)) {
            // The welcome comes before the lobby: a watcher not yet in it would hear no departure.
            watcher.await("-- " + watcher.nick() + " joined lobby");
            flooder.await("-- " + flooder.nick() + " joined lobby");
            flooder.say("1\n2\n3\n4\n5");

            flooder.await("<" + flooder.nick() + "> 3");
            assertThat(flooder.next()).isEqualTo("!! slow down: at most 1 lines a second");
            assertThat(flooder.next()).isEqualTo("!! disconnected: flooding");
            assertThat(flooder.closedWithin(TestMember.WAIT)).isTrue();
            List<String> seen = watcher.await("-- " + flooder.nick() + " left lobby (flooding)");
            assertThat(seen).doesNotContain("<" + flooder.nick() + "> 4", "<" + flooder.nick() + "> 5");
            log.awaitContaining("\"" + flooder.nick() + "\" disconnected for flooding");
        }
    }

    @Test
    void roomsAndMembersAreBoundedWithClearMessages() throws IOException {
        ChatSettings small = new ChatSettings(50, 2, 2, 512, 0, 10, 256 * 1024, Duration.ofSeconds(30),
                Duration.ofMinutes(30));
        Endpoint chat = serve(small);
        try (TestMember alice = TestMember.named(chat, "alice"); TestMember bob = TestMember.named(chat, "bob")) {
            alice.say("/join one");
            alice.await("-- alice joined one");
            bob.await("-- alice left lobby for one");
            bob.say("/join two");
            assertThat(bob.next()).isEqualTo("!! no room for another room (at most 2)");
            try (TestMember carol = TestMember.named(chat, "carol")) {
                carol.say("/join one");
                carol.await("-- carol joined one");
                bob.await("-- carol left lobby for one");
                // The lobby has bob alone: dave fits; one has alice and carol: bob does not.
                bob.say("/join one");
                assertThat(bob.next()).isEqualTo("!! one is full (2 members)");
                bob.say("/who");
                assertThat(bob.next()).as("still in the lobby").isEqualTo("-- in lobby (1): bob");
                try (TestMember dave = TestMember.named(chat, "dave"); TestMember eve = TestMember.connect(chat)) {
                    assertThat(eve.next()).isEqualTo("!! lobby is full (2 members): /join another room");
                    eve.say("hello?");
                    assertThat(eve.next()).isEqualTo("!! you are in no room: /join one");
                }
            }
        }
    }
}
