package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.socklab.runtime.SettingException;

/** How a failure maps to an exit code, without running a command. */
class ErrorsTest {
    @Test
    void aSettingThatCannotBeUsedIsTheCommandLinesMistake() {
        assertThat(Errors.codeFor(new SettingException("--chat-max-line must be from 1 to 65536 bytes, not 0")))
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void anyOtherIllegalArgumentIsABug() {
        assertThat(Errors.codeFor(new IllegalArgumentException("a bad argument inside socklab")))
                .isEqualTo(ExitCode.BUG);
    }
}
