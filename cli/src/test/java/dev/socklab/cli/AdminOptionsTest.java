package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.net.AddressException;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.admin.AdminService;

/**
 * serve's {@code --admin HOST:PORT}, {@code --admin-allow} and {@code --admin-deny}: the address as
 * written, and each mistake one sentence and exit 2 before anything is bound. The admin service is
 * no service of the catalog: {@code socklab services} does not list it and no SERVICE names it.
 */
@Tag("no-engine")
@Timeout(30)
class AdminOptionsTest {
    @Test
    void theAddressIsHostColonPortWithAnIpv6HostInBrackets() throws Exception {
        assertThat(AdminOptions.endpoint("127.0.0.1:10090")).isEqualTo(new InetSocketAddress("127.0.0.1", 10090));
        assertThat(AdminOptions.endpoint("[::1]:0")).isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        assertThatThrownBy(() -> AdminOptions.endpoint("10090")).hasMessage("--admin takes HOST:PORT, an IPv6 host in"
                + " brackets, such as 127.0.0.1:10090 or [::1]:10090, not '10090'");
        assertThatThrownBy(() -> AdminOptions.endpoint("::1:10090")).hasMessageStartingWith("--admin takes HOST:PORT");
        assertThatThrownBy(() -> AdminOptions.endpoint(":10090")).hasMessageStartingWith("--admin takes HOST:PORT");
        assertThatThrownBy(() -> AdminOptions.endpoint("127.0.0.1:70000")).isInstanceOf(AddressException.class)
                .hasMessageStartingWith("--admin 127.0.0.1:70000: ");
    }

    @Test
    void eachMistakeIsOneSentenceAndExitTwo() {
        CommandRun.of("serve", "hello:0", "--admin-deny", "127.0.0.1")
                .failedWith(ExitCode.USAGE, "--admin-deny is for the admin listener, which only --admin HOST:PORT starts");
        CommandRun.of("serve", "hello:0", "--admin-allow", "127.0.0.1")
                .failedWith(ExitCode.USAGE, "--admin-allow is for the admin listener");
        CommandRun.of("serve", "hello:0", "--admin", "10090")
                .failedWith(ExitCode.USAGE, "--admin takes HOST:PORT");
        CommandRun.of("serve", "hello:0", "--admin", "127.0.0.1:0", "--admin-allow", ",")
                .failedWith(ExitCode.USAGE, "--admin-allow , names no address");
        CommandRun.of("serve", "hello:0", "--admin", "127.0.0.1:0", "--admin-deny", "hello=127.0.0.2")
                .failedWith(ExitCode.USAGE, "drop the SERVICE= part");
        CommandRun.of("serve", "hello:0", "--admin")
                .failedWith(ExitCode.USAGE, "--admin");
    }

    @Test
    void theAdminServiceIsNoServiceOfTheCatalog() {
        assertThat(ServiceCatalog.find(AdminService.NAME)).isEmpty();
        assertThat(CommandRun.of("services").out()).doesNotContain(AdminService.NAME);
        CommandRun.of("serve", "admin:0").failedWith(ExitCode.USAGE, "admin");
    }
}
