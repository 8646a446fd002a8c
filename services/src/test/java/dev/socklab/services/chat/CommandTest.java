package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a member's line is read: a message, or a command with its arguments. */
class CommandTest {
    @Test
    void plainLinesAndEscapedSlashesAreMessages() {
        assertThat(Command.parse("hello")).isEqualTo(new Command.Say("hello"));
        assertThat(Command.parse("//nick x")).isEqualTo(new Command.Say("/nick x"));
        assertThat(Command.parse("   ")).isEqualTo(new Command.Nothing());
    }

    @Test
    void whatOthersReadComesWithBlanksCollapsedAndInvisibleCharactersMarked() {
        assertThat(Command.parse("  spaced   out		line  ")).isEqualTo(new Command.Say("spaced out line"));
        assertThat(Command.parse("\u3164\u3164 \u2800")).isEqualTo(new Command.Nothing());
        assertThat(Command.parse("/me  waves \u202Eback")).isEqualTo(new Command.Me("waves \uFFFDback"));
        assertThat(Command.parse("/me \u3164")).isEqualTo(new Command.Usage("/me ACTION"));
        assertThat(Command.parse("/msg bob  psst\u2028   there")).isEqualTo(new Command.Msg("bob", "psst there"));
        assertThat(Command.parse("/msg bob \u2800")).isEqualTo(new Command.Usage("/msg NICK TEXT"));
        assertThat(Command.parse("/quit bye" + " ".repeat(80) + "[07:00:00] -- x")).isEqualTo(new Command.Quit("bye [07:00:00] -- x"));
        // Names come as typed: their own checks say what is wrong with them.
        assertThat(Command.parse("/nick al\u200Bice")).isEqualTo(new Command.Nick("al\u200Bice"));
    }

    @Test
    void commandsTakeTheirArgumentsInAnyCaseWithSpacesOrTabs() {
        assertThat(Command.parse("/NICK alice")).isEqualTo(new Command.Nick("alice"));
        assertThat(Command.parse("/join\tgames ")).isEqualTo(new Command.Join("games"));
        assertThat(Command.parse("/msg bob  hello there ")).isEqualTo(new Command.Msg("bob", "hello there"));
        assertThat(Command.parse("/me waves twice")).isEqualTo(new Command.Me("waves twice"));
        assertThat(Command.parse("/quit")).isEqualTo(new Command.Quit(""));
        assertThat(Command.parse("/quit see you")).isEqualTo(new Command.Quit("see you"));
        assertThat(Command.parse("/who")).isEqualTo(new Command.Who());
        assertThat(Command.parse("/rooms")).isEqualTo(new Command.Rooms());
        assertThat(Command.parse("/leave")).isEqualTo(new Command.Leave());
        assertThat(Command.parse("/help me")).isEqualTo(new Command.Help());
    }

    @Test
    void missingOrExtraArgumentsAnswerWithTheUsage() {
        assertThat(Command.parse("/nick")).isEqualTo(new Command.Usage("/nick NAME"));
        assertThat(Command.parse("/nick a b")).isEqualTo(new Command.Usage("/nick NAME"));
        assertThat(Command.parse("/join")).isEqualTo(new Command.Usage("/join ROOM"));
        assertThat(Command.parse("/msg bob")).isEqualTo(new Command.Usage("/msg NICK TEXT"));
        assertThat(Command.parse("/msg")).isEqualTo(new Command.Usage("/msg NICK TEXT"));
        assertThat(Command.parse("/me")).isEqualTo(new Command.Usage("/me ACTION"));
        assertThat(Command.parse("/who is there")).isEqualTo(new Command.Usage("/who"));
        assertThat(Command.parse("/")).isEqualTo(new Command.Unknown(""));
        assertThat(Command.parse("/Dance now")).isEqualTo(new Command.Unknown("Dance"));
    }

    @Test
    void telnetCommandsAreDroppedAndAnEscapedIacIsKept() {
        TelnetFilter telnet = new TelnetFilter();
        byte[] in = {'a', (byte) 255, (byte) 253, 3, 'b', (byte) 255, (byte) 255, (byte) 255, (byte) 241, 'c'};
        StringBuilder out = new StringBuilder();
        for (byte b : in) {
            int v = telnet.filter(b);
            if (v >= 0) {
                out.append(v == 255 ? "<255>" : String.valueOf((char) v));
            }
        }
        assertThat(out).hasToString("ab<255>c");
    }

    @Test
    void aTelnetSubnegotiationEndsAtItsBoundIfNotBefore() {
        TelnetFilter telnet = new TelnetFilter();
        assertThat(telnet.filter((byte) 255)).isEqualTo(-1);
        assertThat(telnet.filter((byte) 250)).isEqualTo(-1);
        for (int i = 0; i < TelnetFilter.MAX_SUBNEGOTIATION_BYTES; i++) {
            assertThat(telnet.filter((byte) 'x')).isEqualTo(-1);
        }
        assertThat(telnet.filter((byte) 'x')).isEqualTo(TelnetFilter.CUT);
        assertThat(telnet.filter((byte) 'y')).as("data again").isEqualTo('y');

        // One that ends within the bound, as IAC SE, is stripped whole, escaped IACs and all.
        int[] within = new int[TelnetFilter.MAX_SUBNEGOTIATION_BYTES + 2];
        within[0] = 255;
        within[1] = 250;
        for (int i = 2; i < within.length; i += 2) {
            within[i] = 255;
            within[i + 1] = 255;
        }
        for (int b : within) {
            assertThat(telnet.filter((byte) b)).isEqualTo(-1);
        }
        assertThat(telnet.filter((byte) 255)).isEqualTo(-1);
        assertThat(telnet.filter((byte) 240)).isEqualTo(-1);
        assertThat(telnet.filter((byte) 'z')).isEqualTo('z');
    }
}
