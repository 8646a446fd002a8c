package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.net.AddressException;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.proxy.ProxyVersion;
import dev.socklab.runtime.ServiceLimits;

/**
 * serve's {@code --proxy-protocol [SERVICE=]v1|v2|any} and {@code --proxy-trust [SERVICE=]ADDRS}, read
 * as picocli reads them into the command and made into each stream service's policy; every mistake
 * is one sentence and exit 2, before anything is bound.
 */
@Timeout(30)
class ProxyOptionsTest {
    /** In order, so that the first service a sentence names is known. */
    private static final Set<String> STREAM = new LinkedHashSet<>(List.of("echo", "http"));
    private static final Set<String> SERVED = Set.of("http", "echo", "time");

    @Test
    void withoutServiceItAppliesToEveryStreamServiceServed() {
        Map<String, ServiceLimits> limits = apply("--proxy-protocol", "v1", "--proxy-trust", "10.0.0.5,192.0.2.0/24");
        for (String service : STREAM) {
            ProxyPolicy policy = limits.get(service).proxy().orElseThrow();
            assertThat(policy.versions()).containsExactly(ProxyVersion.V1);
            assertThat(policy.trusts(address("192.0.2.77"))).isTrue();
            assertThat(policy.trusts(address("10.0.0.6"))).isFalse();
            assertThat(policy.trustUnix()).isFalse();
        }
        assertThat(limits.get("time").proxy()).as("time is served over UDP alone").isEmpty();
    }

    @Test
    void aServicesOwnSettingsReplaceTheOnesForAll() {
        Map<String, ServiceLimits> limits = apply("--proxy-protocol", "any", "--proxy-protocol", "http=v2",
                "--proxy-trust", "10.0.0.5", "--proxy-trust", "http=10.0.0.6", "--proxy-trust", "http=unix:");
        ProxyPolicy http = limits.get("http").proxy().orElseThrow();
        assertThat(http.versions()).containsExactly(ProxyVersion.V2);
        assertThat(http.trusts(address("10.0.0.6"))).isTrue();
        assertThat(http.trusts(address("10.0.0.5"))).isFalse();
        assertThat(http.trusts(UnixDomainSocketAddress.of(""))).isTrue();
        ProxyPolicy echo = limits.get("echo").proxy().orElseThrow();
        assertThat(echo.versions()).isEqualTo(EnumSet.allOf(ProxyVersion.class));
        assertThat(echo.trusts(address("10.0.0.5"))).isTrue();
        assertThat(echo.trusts(UnixDomainSocketAddress.of(""))).isFalse();
    }

    @Test
    void oneServiceAloneMayTakeTheHeader() {
        Map<String, ServiceLimits> limits = apply("--proxy-protocol", "http=V2", "--proxy-trust", "unix:");
        assertThat(limits.get("http").proxy().orElseThrow().trustUnix()).isTrue();
        assertThat(limits.get("echo").proxy()).isEmpty();
    }

    @Test
    void nothingAskedLeavesEveryServiceWithoutTheProtocol() {
        assertThat(apply().values()).allMatch(limits -> limits.proxy().isEmpty());
    }

    @Test
    void eachMistakeIsOneSentence() {
        assertThatThrownBy(() -> apply("--proxy-protocol", "v1"))
                .hasMessage("--proxy-protocol needs --proxy-trust for echo"
                        + ": the addresses of the proxies that may send the header, such as --proxy-trust 10.0.0.5"
                        + " or --proxy-trust echo=10.0.0.0/24 (unix: for a Unix socket)");
        assertThatThrownBy(() -> apply("--proxy-protocol", "v1", "--proxy-trust", "echo=10.0.0.5"))
                .hasMessageStartingWith("--proxy-protocol needs --proxy-trust for http:");
        assertThatThrownBy(() -> apply("--proxy-protocol", "v3", "--proxy-trust", "10.0.0.5"))
                .hasMessage("--proxy-protocol v3: the version is v1 (nginx's proxy_protocol, HAProxy's send-proxy),"
                        + " v2 (send-proxy-v2) or any");
        assertThatThrownBy(() -> apply("--proxy-trust", "10.0.0.5"))
                .hasMessageStartingWith("--proxy-trust says who may send a PROXY protocol header, but no --proxy-protocol asks for one");
        assertThatThrownBy(() -> apply("--proxy-protocol", "http=v1", "--proxy-trust", "echo=10.0.0.5"))
                .hasMessageStartingWith("--proxy-trust echo=ADDRS says who may send echo a PROXY protocol header");
        assertThatThrownBy(() -> apply("--proxy-protocol", "time=v1", "--proxy-trust", "10.0.0.5"))
                .hasMessageStartingWith("time is served over UDP alone here, and the PROXY protocol is for stream connections");
        assertThatThrownBy(() -> apply("--proxy-protocol", "chat=v1", "--proxy-trust", "10.0.0.5"))
                .hasMessageContaining("names chat, which this server does not serve");
        assertThatThrownBy(() -> apply("--proxy-protocol", "v1", "--proxy-trust", ","))
                .hasMessage("--proxy-trust , names no proxy: give its addresses or CIDR blocks, or unix: for a Unix socket");
        assertThatThrownBy(() -> apply("--proxy-protocol", "v1", "--proxy-trust", "proxy.example"))
                .isInstanceOf(AddressException.class).hasMessageStartingWith("--proxy-trust: 'proxy.example'");
        assertThatThrownBy(() -> applyTo(Set.of(), Set.of("time"), "--proxy-protocol", "v1",
                "--proxy-trust", "10.0.0.5"))
                .hasMessageStartingWith("--proxy-protocol is for stream services, and none is served here");
    }

    @Test
    void theCommandExitsTwoWithTheSentenceBeforeBindingAnything() {
        CommandRun.of("serve", "echo:0/tcp", "--proxy-protocol", "v2")
                .failedWith(ExitCode.USAGE, "--proxy-protocol needs --proxy-trust for echo");
        CommandRun.of("serve", "echo:0/udp", "--proxy-protocol", "echo=v2", "--proxy-trust", "127.0.0.1")
                .failedWith(ExitCode.USAGE, "echo is served over UDP alone here");
        CommandRun.of("serve", "echo:0/tcp", "--proxy-protocol", "ehco=v2", "--proxy-trust", "127.0.0.1")
                .failedWith(ExitCode.USAGE, "--proxy-protocol ehco=v2: unknown service 'ehco'");
    }

    private static Map<String, ServiceLimits> apply(String... args) {
        return applyTo(STREAM, SERVED, args);
    }

    private static Map<String, ServiceLimits> applyTo(Set<String> stream, Set<String> served, String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // as Main sets it: --qotd-mode's default is written "random"
        cli.parseArgs(args);
        Map<String, ServiceLimits> limits = new LinkedHashMap<>();
        served.forEach(name -> limits.put(name, ServiceLimits.NONE));
        serve.proxy.apply(stream, served, limits);
        return limits;
    }

    private static InetSocketAddress address(String literal) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), 40000);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
