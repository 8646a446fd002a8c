package dev.socklab.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTest {
    @Test
    void terminalEscapesShowInCaretNotationAndDoNothing() {
        // Set the title, clear the screen, write the clipboard (OSC 52), ring the bell.
        assertThat(Visible.of("\u001b]0;pwned\u0007\u001b[2J\u001b]52;c;cm0gLXJmIH4K\u0007hi\u007f"))
                .isEqualTo("^[]0;pwned^G^[[2J^[]52;c;cm0gLXJmIH4K^Ghi^?")
                .doesNotContain("\u001b", "\u0007");
    }

    @Test
    void c1ControlsBidiZeroWidthAndSeparatorsShowAsTheirCodePoints() {
        assertThat(Visible.of("\u009b31m evil\u202Etxt.exe \u2066a\u2069 z\u200Bw \uFEFFbom l\u2028p\u2029 \u00ADs"))
                .isEqualTo("<U+009B>31m evil<U+202E>txt.exe <U+2066>a<U+2069> z<U+200B>w <U+FEFF>bom"
                        + " l<U+2028>p<U+2029> <U+00AD>s");
    }

    @Test
    void tabsAndLineEndsStayButABareCarriageReturnShows() {
        assertThat(Visible.of("a\tb\r\nc\nd\re")).isEqualTo("a\tb\r\nc\nd^Me");
    }

    @Test
    void aJoinerBetweenTwoShownCharactersStaysAndOneAtAnEndShows() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69";
        assertThat(Visible.of(family)).isEqualTo(family);
        assertThat(Visible.of("\u200Dalice\u200D")).isEqualTo("<U+200D>alice<U+200D>");
        assertThat(Visible.of("a \u200C b")).isEqualTo("a <U+200C> b");
    }

    @Test
    void tagCharactersAndLoneSurrogatesShowToo() {
        assertThat(Visible.of("x\uDB40\uDC01y\uD800z")).isEqualTo("x<U+E0001>y<U+D800>z");
    }

    @Test
    void plainTextInAnyScriptIsReturnedAsItIs() {
        String text = "Hello, 世界, مرحبا, привет, café ❤\uFE0F";
        assertThat(Visible.of(text)).isSameAs(text);
    }
}
