package dev.socklab.services.connect4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a player's line asks for, without a socket. */
class CommandTest {
    @Test
    void aDigitFromOneToSevenAloneIsAMove() {
        assertThat(Command.parse("1")).isEqualTo(new Command.Move(1));
        assertThat(Command.parse(" 7\t")).isEqualTo(new Command.Move(7));
        assertThat(Command.parse("0")).isEqualTo(new Command.Text("0"));
        assertThat(Command.parse("8")).isEqualTo(new Command.Text("8"));
        assertThat(Command.parse("44")).isEqualTo(new Command.Text("44"));
        assertThat(Command.parse("٣")).as("an Arabic-Indic three").isEqualTo(new Command.Text("٣"));
    }

    @Test
    void commandsTakeTheirNamesInAnyCaseAndOneWordWhereTheyNeedIt() {
        assertThat(Command.parse("/PLAY")).isEqualTo(new Command.Play());
        assertThat(Command.parse("/challenge  bob ")).isEqualTo(new Command.Challenge("bob"));
        assertThat(Command.parse("/accept\tbob")).isEqualTo(new Command.Accept("bob"));
        assertThat(Command.parse("/decline bob")).isEqualTo(new Command.Decline("bob"));
        assertThat(Command.parse("/watch bob")).isEqualTo(new Command.Watch("bob"));
        assertThat(Command.parse("/who")).isEqualTo(new Command.Who());
        assertThat(Command.parse("/leave")).isEqualTo(new Command.Leave());
        assertThat(Command.parse("/help me")).isEqualTo(new Command.Help());
        assertThat(Command.parse("/quit now")).isEqualTo(new Command.Quit());
    }

    @Test
    void aCommandUsedWronglySaysHowItGoes() {
        assertThat(Command.parse("/challenge")).isEqualTo(new Command.Usage("/challenge NICK"));
        assertThat(Command.parse("/challenge bob carol")).isEqualTo(new Command.Usage("/challenge NICK"));
        assertThat(Command.parse("/play 3")).isEqualTo(new Command.Usage("/play"));
        assertThat(Command.parse("/dance")).isEqualTo(new Command.Unknown("dance"));
    }

    @Test
    void blanksAloneAreNothingAndOtherTextIsText() {
        assertThat(Command.parse("  \t")).isEqualTo(new Command.Nothing());
        assertThat(Command.parse("alice")).isEqualTo(new Command.Text("alice"));
    }
}
