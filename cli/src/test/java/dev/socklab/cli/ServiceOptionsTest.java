package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;

import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceSettings;
import dev.socklab.services.qotd.QotdMode;

/** The service options as the catalog reads them, parsed by picocli as {@code serve} parses them. */
class ServiceOptionsTest {
    @Test
    void theQotdModesDefaultIsShownAsTheUserTypesIt() {
        CommandRun help = CommandRun.of("serve", "--help");

        assertThat(help.out()).contains("default: random.").doesNotContain("RANDOM");
    }

    @Test
    void theQotdModeIsReadInLowerCase() {
        assertThat(parse("--qotd-mode", "daily").qotdMode()).isEqualTo(QotdMode.DAILY);
        assertThat(parse().qotdMode()).isEqualTo(QotdMode.RANDOM);
    }

    @Test
    void arpAndRarpAreMadeOnOneTable() {
        ServiceOptions options = parse("--arp-entry", "10.0.0.1=0A:0B:0C:0D");
        // What each service's factory is handed when it asks the settings for its table.
        List<Object> handed = new ArrayList<>();
        ServiceSettings recording = (ServiceSettings) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceSettings.class}, (proxy, method, args) -> {
                    Object value = method.invoke(options, args);
                    if (method.getName().equals("arpTable")) {
                        handed.add(value);
                    }
                    return value;
                });

        ServiceCatalog.find("arp").orElseThrow().make(recording);
        ServiceCatalog.find("rarp").orElseThrow().make(recording);

        assertThat(handed).hasSize(2);
        assertThat(handed.get(1)).isNotNull().isSameAs(handed.get(0));
        assertThat(options.notices()).isEmpty();
    }

    @Test
    void chatAndHttpAreMadeOnOneChatSoThatNetcatAndBrowserMembersShareItsRooms() {
        ServiceOptions options = parse();
        List<Object> handed = new ArrayList<>();
        ServiceSettings recording = (ServiceSettings) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceSettings.class}, (proxy, method, args) -> {
                    Object value = method.invoke(options, args);
                    if (method.getName().equals("chatService")) {
                        handed.add(value);
                    }
                    return value;
                });

        ServiceCatalog.find("chat").orElseThrow().make(recording);
        ServiceCatalog.find("http").orElseThrow().make(recording);

        assertThat(handed).hasSize(2);
        assertThat(handed.get(1)).isNotNull().isSameAs(handed.get(0));
    }

    @Test
    void rpcAndHttpCallOneMethodTableOverTheArpTableAndChatOfTheOtherServices() {
        ServiceOptions options = parse("--arp-entry", "10.0.0.1=0A:0B:0C:0D");
        List<Object> handed = new ArrayList<>();
        // One table, within one set of limits that a reload changes for both.
        ServiceSettings recording = (ServiceSettings) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceSettings.class}, (proxy, method, args) -> {
                    Object value = method.invoke(options, args);
                    if (method.getName().equals("rpcProtocols")) {
                        handed.add(value);
                    }
                    return value;
                });

        ServiceCatalog.find("rpc").orElseThrow().make(recording);
        ServiceCatalog.find("http").orElseThrow().make(recording);

        assertThat(handed).hasSize(2);
        assertThat(handed.get(1)).isNotNull().isSameAs(handed.get(0));
        assertThat(options.rpcMethods().names()).contains("arp.lookup", "chat.rooms");
        assertThat(options.arpTable()).isSameAs(options.arpTable());
    }

    @Test
    void theRpcMethodsReadTheArpTableWithoutNoticingThatItIsEmptyWhichArpAndRarpDo() {
        ServiceOptions options = parse();

        ServiceCatalog.find("rpc").orElseThrow().make(options);
        ServiceCatalog.find("http").orElseThrow().make(options);
        assertThat(options.notices()).isEmpty();

        ServiceCatalog.find("arp").orElseThrow().make(options);
        ServiceCatalog.find("rarp").orElseThrow().make(options);
        assertThat(options.notices()).singleElement().asString().startsWith("arp and rarp: the table is empty");
    }

    @Test
    void anEmptyArpTableIsNoticedOnceForBothServices() {
        ServiceOptions options = parse();

        ServiceCatalog.find("arp").orElseThrow().make(options);
        ServiceCatalog.find("rarp").orElseThrow().make(options);

        assertThat(options.notices()).singleElement().asString().startsWith("arp and rarp: the table is empty");
    }

    @Test
    void aSettingIsReadOnlyWhenAServiceServedAsksForIt() {
        ServiceOptions options = parse("--quotes", "/nonexistent/quotes.txt", "--format", "yyyy{");

        ServiceCatalog.find("hello").orElseThrow().make(options);

        assertThat(options.notices()).isEmpty();
    }

    @Test
    void whatTheServicesShareIsReloadedInPlaceOnceEach() {
        ServiceOptions options = parse("--zone", "Europe/Paris");
        for (String name : List.of("daytime", "qotd", "chat", "http", "rpc", "arena")) {
            ServiceCatalog.find(name).orElseThrow().make(options);
        }
        ServiceOptions fresh = parse("--zone", "UTC", "--format", "iso", "--rpc-max-batch", "2",
                "--arena-max-players", "3", "--chat-max-members", "5");

        List<String> changes = options.shared().stream().flatMap(shared -> shared.reload(fresh).changes().stream())
                .toList();

        assertThat(options.clock()).as("one clock for every service that tells the time").isSameAs(options.clock());
        assertThat(changes).contains("--zone: Europe/Paris -> UTC", "rpc: --rpc-max-batch: 1000 -> 2",
                "arena: --arena-max-players: 512 -> 3", "chat: --chat-max-members: 1000 -> 5",
                "daytime: --format: 03/02/2001 05:05:06 -> 2001-02-03T05:05:06+01:00");
    }

    private static ServiceOptions parse(String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs(args);
        return serve.serviceOptions;
    }
}
