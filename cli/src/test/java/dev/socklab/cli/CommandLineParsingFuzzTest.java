package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.TypeConversionException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.client.HttpRequest;
import dev.socklab.client.HttpUrl;
import dev.socklab.http.Field;
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

    /** {@code socklab http URL}: a URL whose target can stand in a request line, or one sentence; the host never resolved. */
    @FuzzTest(maxDuration = "30s")
    void httpUrlGivesATargetThatFitsARequestLineOrAnAddressException(byte[] data) {
        HttpUrl url;
        try {
            url = HttpUrl.parse(text(data));
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        assertThat(url.target()).startsWith("/").matches("[!-~]+");
        assertThat(url.authority()).doesNotContain("\r", "\n", " ");
        assertThat(url.port()).isBetween(1, 65535);
    }

    /** {@code socklab http -H 'NAME: VALUE'}: a field that cannot end its line early, or one sentence. */
    @FuzzTest(maxDuration = "30s")
    void httpHeaderGivesAFieldWithoutLineEndsOrAnIllegalArgumentException(byte[] data) {
        Field field;
        try {
            field = HttpRequest.field(text(data));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(field.name()).matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
        assertThat(field.value()).doesNotContain("\r", "\n", "\u0000");
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
