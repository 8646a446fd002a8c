package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Nicknames that show what they are, and are taken with every form that looks the same. */
class NicknamesTest {
    @Test
    void aNicknameWithAnInvisibleOrReorderingCharacterIsRefusedNamingIt() {
        for (String nick : new String[] {"alice\u200B", "al\u200Dice", "\u202Eecila", "alice\uFEFF", "a\u2066b", "alice\uFE0F"}) {
            int c = nick.codePoints().filter(MemberText::isInvisible).findFirst().orElseThrow();
            assertThat(Nicknames.problem(nick)).as(nick).contains(String.format(
                    "a nickname has no invisible, control or direction-changing characters, and U+%04X is one", c));
        }
    }

    @Test
    void aNicknameWithABlankCharacterIsRefusedNamingIt() {
        assertThat(Nicknames.problem("alice\u3164")).contains("a nickname has no spaces or blank characters, and U+3164 is one");
        assertThat(Nicknames.problem("\u2800")).contains("a nickname has no spaces or blank characters, and U+2800 is one");
        assertThat(Nicknames.problem("a\u00A0b")).contains("a nickname has no spaces or blank characters, and U+00A0 is one");
        assertThat(Nicknames.problem("\u115Fx")).contains("a nickname has no spaces or blank characters, and U+115F is one");
    }

    @Test
    void namesInOtherScriptsAndWithAccentsAreNicknames() {
        for (String nick : new String[] {"alice", "Zo\u00EB", "\u0430\u043B\u0438\u0441\u0430", "\u674E\u96F7", "\u0645\u06CC"}) {
            assertThat(Nicknames.problem(nick)).as(nick).isEqualTo(Optional.empty());
        }
    }

    @Test
    void lookAlikeFormsOfANicknameHaveOneKey() {
        String alice = Nicknames.key("alice");
        for (String nick : new String[] {"ALICE", "Alice", "\uFF41\uFF4C\uFF49\uFF43\uFF45", "\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E",
                "al\u0131ce"}) {
            assertThat(Nicknames.key(nick)).as(nick).isEqualTo(alice);
        }
        assertThat(Nicknames.key("stra\u00DFe")).isEqualTo(Nicknames.key("STRASSE"));
        assertThat(Nicknames.key("\uFB01sh")).isEqualTo(Nicknames.key("fish"));
        assertThat(Nicknames.key("Zo\u00EB")).as("composed and decomposed").isEqualTo(Nicknames.key("Zoe\u0308"));
        assertThat(Nicknames.key("bob")).isNotEqualTo(alice);
    }

    @Test
    void aLookAlikeOfATakenNicknameIsTaken() {
        Nicknames nicknames = new Nicknames();
        Member alice = new Member(null, new Delivery(), "alice");
        Member other = new Member(null, new Delivery(), "other");
        assertThat(nicknames.claim("alice", alice)).isTrue();

        assertThat(nicknames.claim("\uFF21\uFF2C\uFF29\uFF23\uFF25", other)).isFalse();
        assertThat(nicknames.find("\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E")).contains(alice);
    }
}
