package dev.socklab.client.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.client.ServerRefusedException;

/**
 * The handshake's steps against a scripted server on a clock the test moves: each packet sent
 * gets the answers the script gives it, and a wait with none runs out at once.
 */
class HandshakeTest {
    private static final long NONCE = 0x1234_5678_9abc_def0L;
    private static final byte[] COOKIE = new byte[PacketCodec.COOKIE_SIZE];
    private static final Packet.Challenge CHALLENGE = new Packet.Challenge(NONCE, 1_700_000_000L, COOKIE);
    private static final Packet.Welcome WELCOME = new Packet.Welcome(42, 3, 30, 20, 2048, 1024);

    @Test
    void aLostConnectIsSentAgainAndTheChallengesCookieComesBackInTheJoin() throws Exception {
        Script script = new Script(sent -> sent instanceof Packet.Connect ? List.of(CHALLENGE) : List.of(WELCOME));
        script.answerOnce(new Packet.Connect(NONCE), List.of()); // the first is lost

        Packet.Welcome welcome = new Handshake(script, script::now, "udp 127.0.0.1:10666").join(NONCE, "alice");

        assertThat(welcome).isEqualTo(WELCOME);
        assertThat(script.sent).hasSize(3);
        assertThat(script.sent.get(0)).isEqualTo(script.sent.get(1)).isInstanceOf(Packet.Connect.class);
        Packet.Join join = (Packet.Join) script.sent.get(2);
        assertThat(join.nonce()).isEqualTo(NONCE);
        assertThat(join.timestamp()).isEqualTo(CHALLENGE.timestamp());
        assertThat(join.cookie()).isEqualTo(COOKIE);
        assertThat(join.nickname()).isEqualTo("alice");
    }

    @Test
    void aChallengeForAnotherNonceAndStrayPacketsAreIgnored() throws Exception {
        Script script = new Script(sent -> switch (sent) {
            case Packet.Connect c -> List.of(new Packet.Leave(1, 0),
                    new Packet.Challenge(NONCE + 1, 1, COOKIE), CHALLENGE);
            case Packet.Join j -> List.of(CHALLENGE, WELCOME);
            default -> List.of();
        });

        assertThat(new Handshake(script, script::now, "udp 127.0.0.1:10666").join(NONCE, "bob")).isEqualTo(WELCOME);
        assertThat(script.sent).hasSize(2);
    }

    @Test
    void aLostWelcomeIsAskedForAgainWithTheSameJoin() throws Exception {
        Script script = new Script(sent -> sent instanceof Packet.Connect ? List.of(CHALLENGE) : List.of(WELCOME));
        script.answerOnce(new Packet.Join(NONCE, CHALLENGE.timestamp(), COOKIE, "carol"), List.of());

        assertThat(new Handshake(script, script::now, "udp 127.0.0.1:10666").join(NONCE, "carol"))
                .isEqualTo(WELCOME);
        assertThat(script.sent).hasSize(3);
        assertThat(script.sent.get(2)).usingRecursiveComparison().isEqualTo(script.sent.get(1));
    }

    @Test
    void aRefusalIsOneSentenceWithTheServersTextAndTheReasonAsItsCode() {
        Script script = new Script(sent -> sent instanceof Packet.Connect ? List.of(CHALLENGE)
                : List.of(new Packet.Refused(PacketCodec.REFUSED_FULL, "512 players")));

        assertThatThrownBy(() -> new Handshake(script, script::now, "udp 127.0.0.1:10666").join(NONCE, "dave"))
                .isInstanceOf(ServerRefusedException.class)
                .hasMessage("the arena at udp 127.0.0.1:10666 refused to let you in: 512 players; try again later")
                .extracting(e -> ((ServerRefusedException) e).code()).isEqualTo(PacketCodec.REFUSED_FULL);
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpAfterFiveWaits() {
        Script script = new Script(sent -> List.of());

        assertThatThrownBy(() -> new Handshake(script, script::now, "udp 127.0.0.1:10666").join(NONCE, "eve"))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessage("no answer from udp 127.0.0.1:10666 within 5s (5 tries): is an arena served there?"
                        + " (socklab serve arena)");
        assertThat(script.sent).hasSize(Handshake.ATTEMPTS).allMatch(Packet.Connect.class::isInstance);
        assertThat(script.now()).isEqualTo(Handshake.WAIT.toNanos() * Handshake.ATTEMPTS);
    }

    /** A server that answers each packet as {@code answers} says, and a clock that jumps to each deadline. */
    private static final class Script implements Handshake.Wire {
        private final Function<Packet, List<Packet>> answers;
        private final ArrayDeque<Packet> due = new ArrayDeque<>();
        private Packet once;
        private List<Packet> onceAnswers;
        final List<Packet> sent = new ArrayList<>();
        private long now;

        Script(Function<Packet, List<Packet>> answers) {
            this.answers = answers;
        }

        /** The first time {@code packet} (by its fields) is sent, it gets {@code answer} instead. */
        void answerOnce(Packet packet, List<Packet> answer) {
            once = packet;
            onceAnswers = answer;
        }

        long now() {
            return now;
        }

        @Override
        public void send(Packet packet) {
            Packet wired = SimulatedServer.wire(packet);
            sent.add(wired);
            if (once != null && sameFields(once, wired)) {
                once = null;
                due.addAll(onceAnswers);
            } else {
                due.addAll(answers.apply(wired));
            }
        }

        @Override
        public Optional<Packet> receive(long deadlineNanos) {
            if (due.isEmpty()) {
                now = Math.max(now, deadlineNanos);
                return Optional.empty();
            }
            return Optional.of(SimulatedServer.wire(due.removeFirst()));
        }

        private static boolean sameFields(Packet a, Packet b) {
            return PacketCodec.encode(a).equals(PacketCodec.encode(b));
        }
    }
}
