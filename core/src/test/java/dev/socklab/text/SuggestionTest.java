package dev.socklab.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The "did you mean" of socklab's errors, for service names and command names alike. */
class SuggestionTest {
    private static final List<String> COMMANDS = List.of("serve", "services", "hello", "echo", "daytime", "chat",
            "bench");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"helo, hello", "hlelo, hello", "HELLO, hello", "serv, serve", "servcies, services", "dayitme, daytime",
            "bnech, bench"})
    void aNameWithinAFewEditsSuggestsTheKnownOne(String typed, String meant) {
        assertThat(Suggestion.closest(typed, COMMANDS)).contains(meant);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"frobnicate", "ls", "xyz", "hellooooo"})
    void aNameFarFromEveryKnownOneSuggestsNothing(String typed) {
        assertThat(Suggestion.closest(typed, COMMANDS)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ecoh, echo", "chta, chat"})
    void aSwapOfNeighboursIsOneEdit(String typed, String meant) {
        assertThat(Suggestion.distance(typed, meant)).isEqualTo(1);
    }
}
