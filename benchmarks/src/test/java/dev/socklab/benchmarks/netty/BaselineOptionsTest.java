package dev.socklab.benchmarks.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The baseline's command line, read without starting anything. */
class BaselineOptionsTest {

    @Test
    void eachServiceTakesItsPortAndTheBindAddressDefaultsToLoopback() {
        BaselineOptions o = parse("--echo", "7000", "--udp-echo=0");

        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.echo()).isEqualTo(OptionalInt.of(7000));
        assertThat(o.hello()).isEmpty();
        assertThat(o.udpEcho()).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void noServiceServesNothing() {
        assertThat(parse("--bind", "127.0.0.1").servesNothing()).isTrue();
    }

    @Test
    void portOutOfRangeIsAMistake() {
        assertThatThrownBy(() -> parse("--hello", "70000"))
                .hasMessage("Invalid value for option '--hello': a port is from 0 to 65535, not '70000'");
    }

    @Test
    void unknownOptionIsAMistake() {
        assertThatThrownBy(() -> parse("--echoo", "1")).hasMessageContaining("'--echoo'");
    }

    /** The options as picocli reads them, for the baseline and its tests alike. */
    static BaselineOptions parse(String... args) {
        BaselineOptions options = new BaselineOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
