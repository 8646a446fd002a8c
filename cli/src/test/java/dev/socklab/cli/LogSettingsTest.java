package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/** {@code --log-level} and {@code --log-format} as serve reads them, the level set on logback.xml's loggers. */
@Tag("no-engine")
class LogSettingsTest {
    @AfterEach
    void backToInfo() {
        LogSettings.level("info");
    }

    @Test
    void theLevelReachesTheServicesLoggersTooWhichLogbackXmlSetsApart() {
        LogSettings.level("WARN");
        assertThat(LoggerFactory.getLogger("socklab.connection").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("socklab.service.http").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("socklab.service.http").isWarnEnabled()).isTrue();

        LogSettings.level("debug");
        assertThat(LoggerFactory.getLogger("socklab.connection").isDebugEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("socklab.service.chat").isDebugEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("socklab.service.chat").isTraceEnabled()).isFalse();
    }

    @Test
    void anUnknownLevelOrFormatIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> LogSettings.level("verbose")).isInstanceOf(Errors.UsageException.class)
                .hasMessage("--log-level is one of trace, debug, info, warn, error, not verbose");
        assertThatThrownBy(() -> LogSettings.format("xml")).isInstanceOf(Errors.UsageException.class)
                .hasMessage("--log-format is text or json, not xml");
        assertThat(LoggerFactory.getLogger("socklab.connection").isInfoEnabled()).isTrue();
    }

    @Test
    void serveDefaultsToTextAtInfo() {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // as Main sets it: --qotd-mode's default is written "random"
        cli.parseArgs("--log-level", "error");
        assertThat(serve.log.format).isEqualTo("text");
        assertThat(serve.log.level).isEqualTo("error");
    }
}
