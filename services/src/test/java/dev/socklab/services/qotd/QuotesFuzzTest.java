package dev.socklab.services.qotd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** A quotes file's text, arbitrary: quotes that keep RFC 865's size, or an IllegalArgumentException. See docs/security.md. */
class QuotesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void quotesParseGivesWireReadyQuotesOrIllegalArgumentException(byte[] data) {
        Quotes quotes;
        try {
            quotes = Quotes.parse(new String(data, StandardCharsets.UTF_8), "fuzzed");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(quotes.size()).isPositive();
        for (int i = 0; i < quotes.size(); i++) {
            String quote = quotes.get(i);
            assertThat(quote.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Quotes.MAX_BYTES);
            assertThat(quote).endsWith("\r\n").doesNotContain("\r\n\r\n").doesNotStartWith("\r\n");
        }
    }
}
