package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.TypeConversionException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.net.AddressException;
import dev.socklab.net.Family;
import dev.socklab.net.Host;

/**
 * The command line's own parsers, under arbitrary text: each gives a value or the error the user is shown
 * as one sentence ({@link Errors.UsageException}, picocli's {@link TypeConversionException}, or
 * {@link AddressException}), never another exception and its stack trace. See docs/security.md.
 */
class CommandLineParsingFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void serviceSelectionParseGivesASelectionOrAUsageException(byte[] data) {
        ServiceSelection selection;
        try {
            selection = ServiceSelection.parse(text(data));
        } catch (Errors.UsageException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(selection.transports()).isNotEmpty();
        selection.port().ifPresent(p -> assertThat(p).isBetween(0, 65535));
    }

    @FuzzTest(maxDuration = "30s")
    void durationConverterGivesADurationOrATypeConversionException(byte[] data) {
        String text = text(data);
        Duration duration;
        try {
            duration = new DurationConverter().convert(text);
        } catch (TypeConversionException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(new DurationConverter().convert(duration.toString())).isEqualTo(duration);
    }

    /** The client commands' HOST and PORT: the host is parsed, never resolved, so fuzzing sends no DNS query. */
    @FuzzTest(maxDuration = "30s")
    void serverAddressGivesAHostAndPortOrAnAddressException(byte[] data) {
        String text = text(data);
        ServerAddress address = new ServerAddress();
        address.host = text;
        address.port = text;
        try {
            assertThat(address.host()).isNotNull();
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            assertThat(address.port("daytime")).isBetween(0, 65535);
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** {@code serve --bind ADDR} for every family; a name would be resolved, so one is left out. */
    @FuzzTest(maxDuration = "30s")
    void bindPlanGivesEndpointsForABindAddressOrAUserError(byte[] data) {
        String bind = text(data);
        try {
            if (Host.parse(bind) instanceof Host.Name) {
                return;
            }
        } catch (AddressException e) {
            return;
        }
        for (Family family : Family.values()) {
            try {
                BindPlan plan = BindPlan.of(List.of(ServiceSelection.parse("echo")), List.of(bind), family, false);
                assertThat(plan.entries()).isNotEmpty();
            } catch (AddressException | Errors.UsageException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
