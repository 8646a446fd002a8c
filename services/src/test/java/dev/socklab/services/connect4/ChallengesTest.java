package dev.socklab.services.connect4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.socklab.services.chat.Delivery;
import dev.socklab.services.chat.Member;

/** Challenges and their lifetime, on a clock the test sets. */
class ChallengesTest {
    private static final long LIFETIME = 1_000;

    private final Challenges challenges = new Challenges(LIFETIME);
    private final Player alice = player("alice");
    private final Player bob = player("bob");
    private final Player carol = player("carol");

    @Test
    void aChallengeStandsForItsLifetimeAndIsTakenOnce() {
        challenges.put(alice, bob, 0);

        assertThat(challenges.take(alice, bob, LIFETIME - 1)).isTrue();
        assertThat(challenges.take(alice, bob, LIFETIME - 1)).as("taken already").isFalse();
    }

    @Test
    void aChallengeExpires() {
        challenges.put(alice, bob, 0);

        assertThat(challenges.take(alice, bob, LIFETIME)).isFalse();
    }

    @Test
    void aNewChallengeReplacesTheOldAndOnlyItsPlayerCanTakeIt() {
        challenges.put(alice, bob, 0);
        challenges.put(alice, carol, 10);

        assertThat(challenges.take(alice, bob, 20)).isFalse();
        assertThat(challenges.take(carol, alice, 20)).as("the other way round").isFalse();
        assertThat(challenges.take(alice, carol, 20)).isTrue();
    }

    @Test
    void aPlayerWhoStartsAGameOrGoesTakesItsChallengesBothWaysWithIt() {
        challenges.put(alice, bob, 0);
        challenges.put(carol, alice, 0);

        challenges.dropAll(alice);

        assertThat(challenges.take(alice, bob, 1)).isFalse();
        assertThat(challenges.take(carol, alice, 1)).isFalse();
    }

    @Test
    void timesAreComparedAsNanoTimesAreAcrossTheirWrap() {
        challenges.put(alice, bob, Long.MAX_VALUE - 10);

        assertThat(challenges.take(alice, bob, Long.MIN_VALUE + 10)).isTrue();
    }

    private static Player player(String nick) {
        return new Player(new Member(null, new Delivery(), nick));
    }
}
