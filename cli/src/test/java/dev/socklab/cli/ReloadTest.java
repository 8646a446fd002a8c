package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Which of serve's options a reload compares, and which it may put in force; the signal itself is {@link ServeReloadIT}'s. */
@Tag("no-engine")
class ReloadTest {
    @Test
    void everyOptionAReloadPutsInForceIsOneOfServes() {
        List<String> names = serve().options().stream().map(OptionSpec::longestName).toList();

        assertThat(names).containsAll(Reload.RELOADABLE);
    }

    @Test
    void theOptionsThatDifferAreNamedByTheirLongestName() {
        CommandSpec before = serve("--chat-rate", "5", "--greeting", "hi", "--deny", "10.0.0.0/8");
        CommandSpec after = serve("--chat-rate", "2", "-4", "--greeting", "hi", "--deny", "10.0.0.0/8", "--deny",
                "192.168.0.0/16");

        assertThat(Reload.changedOptions(before, after)).containsExactlyInAnyOrder("--chat-rate", "--ipv4-only", "--deny");
        assertThat(Reload.changedOptions(after, serve("--chat-rate", "2", "-4", "--greeting", "hi", "--deny",
                "10.0.0.0/8", "--deny", "192.168.0.0/16"))).isEmpty();
    }

    @Test
    void aNewArenaTickRateNeedsARestart() {
        assertThat(Reload.changedOptions(serve(), serve("--arena-tick-rate", "60"))).containsExactly("--arena-tick-rate");
        assertThat(Reload.RELOADABLE).doesNotContain("--arena-tick-rate", "--arena-snapshot-rate", "--ftp-root",
                "--ftp-pasv-ports", "--tftp-root", "--http-root", "--log-format", "--trace", "--config");
    }

    @Test
    void theServicesSettingsThatChangeInPlaceAreReloadable() {
        assertThat(Reload.RELOADABLE).contains("--greeting", "--format", "--zone", "--ack-wait", "--udp-amplification",
                "--request-pause", "--ftp-max-upload", "--ftp-quota-per-source", "--ftp-users", "--ftp-anonymous",
                "--tftp-max-upload", "--tftp-quota-per-source", "--arena-max-players", "--arena-timeout",
                "--rpc-deadline", "--rpc-max-request", "--rpc-max-batch", "--rpc-allow-none");
    }

    private static CommandSpec serve(String... arguments) {
        CommandLine parser = ServeArguments.parser();
        ServeArguments.parse(parser, List.of(arguments));
        return parser.getSubcommands().get("serve").getCommandSpec();
    }
}
