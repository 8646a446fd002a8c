package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortRangeTest {
    @Test
    void readsARangeOrOnePort() {
        assertThat(PortRange.parse("50000-50100")).isEqualTo(new PortRange(50000, 50100));
        assertThat(PortRange.parse(" 6000 ")).isEqualTo(new PortRange(6000, 6000));
        assertThat(PortRange.parse("50000-50100").size()).contains(101);
        assertThat(PortRange.ANY.any()).isTrue();
        assertThat(PortRange.ANY.size()).isEmpty();
        assertThat(new PortRange(1, 2)).hasToString("1-2");
    }

    @Test
    void refusesWhatIsNoRangeInOneSentenceWithAnExample() {
        assertThatThrownBy(() -> PortRange.parse("50100-50000")).isInstanceOf(AddressException.class)
                .hasMessageContaining("such as 50000-50100");
        assertThatThrownBy(() -> PortRange.parse("0-10")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> PortRange.parse("1-70000")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> PortRange.parse("a-b")).isInstanceOf(AddressException.class)
                .hasMessageContaining("is not LOW-HIGH");
    }
}
