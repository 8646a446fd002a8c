package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What other members see of a member's text: no blank runs to pad a line with, nothing invisible or reordering. */
class MemberTextTest {
    @Test
    void runsOfBlanksShowAsOneSpaceAndNoneAtTheEnds() {
        assertThat(MemberText.shown("  hello   world\t\tagain  ")).isEqualTo("hello world again");
        // No-break, ideographic and line separator spaces, Hangul fillers and the braille blank are blanks too.
        assertThat(MemberText.shown("a\u00A0\u3000b\u2028c\u2029d\u3164\u3164e\u2800f\u115F\u1160g\uFFA0"))
                .isEqualTo("a b c d e f g");
        assertThat(MemberText.shown("x" + " ".repeat(70) + "[07:00:00] -- alice is now root"))
                .isEqualTo("x [07:00:00] -- alice is now root");
        assertThat(MemberText.shown("\u3164\t \u2800")).isEmpty();
    }

    @Test
    void bidiControlsAndZeroWidthCharactersShowAsReplacementMarks() {
        assertThat(MemberText.shown("a\u202Ab\u202Bc\u202Cd\u202De\u202Ef")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
        assertThat(MemberText.shown("a\u2066b\u2067c\u2068d\u2069e\u200Ef\u200Fg")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg");
        assertThat(MemberText.shown("\uFEFFzero\u200Bwidth\u2060joined\u00ADsoft")).isEqualTo("\uFFFDzero\uFFFDwidth\uFFFDjoined\uFFFDsoft");
    }

    @Test
    void joinersStayOnlyBetweenTwoShownCharacters() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        String heartOnFire = "\u2764\uFE0F\u200D\uD83D\uDD25";
        assertThat(MemberText.shown(family)).isEqualTo(family);
        assertThat(MemberText.shown(persian)).isEqualTo(persian);
        assertThat(MemberText.shown(heartOnFire)).as("a variation selector stays, and shows").isEqualTo(heartOnFire);
        assertThat(MemberText.shown("\u200Dalice")).isEqualTo("\uFFFDalice");
        assertThat(MemberText.shown("alice\u200C")).isEqualTo("alice\uFFFD");
        assertThat(MemberText.shown("a \u200D b")).isEqualTo("a \uFFFD b");
        assertThat(MemberText.shown("a\u200D\u200Db")).isEqualTo("a\uFFFD\uFFFDb");
    }

    @Test
    void blankAndInvisibleAreTheDocumentedSets() {
        for (int c : new int[] {' ', '\t', 0x00A0, 0x2028, 0x2029, 0x3000, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800}) {
            assertThat(MemberText.isBlank(c)).as("U+%04X blank", c).isTrue();
            assertThat(MemberText.isInvisible(c)).as("U+%04X invisible", c).isFalse();
        }
        for (int c : new int[] {0x0007, 0x009B, 0x00AD, 0x034F, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x202E,
                0x2060, 0x2066, 0x2069, 0xFE0F, 0xFEFF, 0xE0041, 0xE0100}) {
            assertThat(MemberText.isInvisible(c)).as("U+%04X invisible", c).isTrue();
            assertThat(MemberText.isBlank(c)).as("U+%04X blank", c).isFalse();
        }
        for (int c : new int[] {'a', '>', '[', 0x00E9, 0x0430, 0x4E2D, 0x1F600, 0xFFFD}) {
            assertThat(MemberText.isBlank(c) || MemberText.isInvisible(c)).as("U+%04X shows", c).isFalse();
        }
    }
}
