package dev.socklab.benchmarks.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** The baseline's command line, read without starting anything. */
class BaselineOptionsTest {

    @Test
    void eachServiceTakesItsPortAndTheBindAddressDefaultsToLoopback() {
        BaselineOptions o = BaselineOptions.parse("--echo", "7000", "--udp-echo=0");

        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.echo()).isEqualTo(OptionalInt.of(7000));
        assertThat(o.hello()).isEmpty();
        assertThat(o.udpEcho()).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void noServiceIsAMistake() {
        assertThatThrownBy(() -> BaselineOptions.parse("--bind", "127.0.0.1"))
                .hasMessageContaining("no service to serve");
    }

    @Test
    void portOutOfRangeIsAMistake() {
        assertThatThrownBy(() -> BaselineOptions.parse("--hello", "70000"))
                .hasMessage("--hello takes a port from 0 to 65535, not '70000'");
    }

    @Test
    void unknownOptionIsAMistake() {
        assertThatThrownBy(() -> BaselineOptions.parse("--echoo", "1")).hasMessage("unknown option --echoo");
    }
}
