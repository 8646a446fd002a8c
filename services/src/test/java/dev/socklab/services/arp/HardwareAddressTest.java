package dev.socklab.services.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HardwareAddressTest {

    @ParameterizedTest(name = "''{0}'' reads as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            00:1a:2b:3c:4d:5e                                           | 00:1A:2B:3C:4D:5E
            00-1A-2B-3C-4D-5E                                           | 00:1A:2B:3C:4D:5E
            0123.4567.89ab                                              | 01:23:45:67:89:AB
            0:1a:2b:3c:4d:5e                                            | 00:1A:2B:3C:4D:5E
            0:1:2:3:4:5                                                 | 00:01:02:03:04:05
            0A:0B:0C:0D                                                 | 0A:0B:0C:0D
            '  0a:0b:0c:0d\t'                                           | 0A:0B:0C:0D
            ff                                                          | FF
            80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:a1:b2:c3 | 80:00:02:08:FE:80:00:00:00:00:00:00:00:02:C9:03:00:A1:B2:C3
            """)
    void readsTheColonDashAndCiscoForms(String text, String shown) {
        assertThat(HardwareAddress.parse(text)).hasToString(shown);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {
        "",
        "   ",
        "zz:11",
        "00:1g:2b:3c:4d:5e",
        "00 1a 2b 3c 4d 5e",
        "00::2b:3c:4d:5e",
        ":1a:2b:3c:4d:5e",
        "00:1a:2b:3c:4d:",
        "001a:2b:3c:4d:5e",
        "001a2b3c4d5e",
        "00:1a-2b:3c:4d:5e",
        "0123.4567:89ab",
        "0-1a-2b-3c-4d-5e",
        "00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14",
        "0123.456.89ab",
        "0123.4567.89abc",
        "01234567.89ab",
        "0123..4567",
        "0123.4567.",
        "٠١:٢٣",
    })
    void refusesMalformedTextWithOneSentenceNamingIt(String text) {
        String start = text.strip().substring(0, Math.min(text.strip().length(), 40));
        Throwable thrown = catchThrowable(() -> HardwareAddress.parse(text));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getMessage())
                .contains(text.isBlank() ? "is empty" : "'" + start)
                .doesNotContain("\n")
                .doesNotContain(". ")
                .containsPattern("such as (00[:-]1A|0123\\.4567)|at most 20");
    }

    @Test
    void aVeryLongInputIsShortenedInTheMessage() {
        String text = "0:".repeat(5_000) + "0";
        assertThatThrownBy(() -> HardwareAddress.parse(text))
                .hasMessageContaining("5001 octets")
                .message().hasSizeLessThan(200);
    }

    @Test
    void copiesTheOctetsInAndOut() {
        byte[] octets = {0x0A, 0x0B, 0x0C, 0x0D};
        HardwareAddress hw = new HardwareAddress(octets);
        octets[0] = 0;
        hw.octets()[1] = 0;
        assertThat(hw.octets()).containsExactly(0x0A, 0x0B, 0x0C, 0x0D);
    }

    @Test
    void equalsAndHashCodeFollowTheOctets() {
        HardwareAddress a = HardwareAddress.parse("0a:0b:0c:0d");
        HardwareAddress b = new HardwareAddress(new byte[] {0x0A, 0x0B, 0x0C, 0x0D});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(HardwareAddress.parse("0a:0b:0c:0e"));
        assertThat(Map.of(a, "found").get(b)).isEqualTo("found");
    }

    @Test
    void refusesNoOctetsAndMoreThanTwenty() {
        assertThatThrownBy(() -> new HardwareAddress(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HardwareAddress(new byte[21])).hasMessageContaining("not 21");
        assertThat(new HardwareAddress(new byte[20]).octets()).hasSize(20);
    }
}
