package dev.socklab.services.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import dev.socklab.rpc.CallContext;
import dev.socklab.rpc.ErrorCodes;
import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.RpcException;
import dev.socklab.rpc.RpcValues;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.arp.ArpService;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.arp.RarpService;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.daytime.DaytimeService;
import dev.socklab.testing.Await;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** Each built-in method called through its table, as every transport calls it, over the lab's own services. */
@Timeout(30)
class BuiltinMethodsTest {
    /** 23:50:08 in Paris, an hour ahead of UTC in December. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T22:50:08.750Z"), ZoneId.of("Europe/Paris"));
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private final ArpTable arp = ArpTable.builder().entry("10.0.0.1=0A:0B:0C:0D").entry("fd00::1=0a:0b:0c:0d").build();
    private final ChatService chat = new ChatService(ChatSettings.DEFAULTS, CLOCK);
    private final MethodTable table = BuiltinMethods.table(new ArpService(arp, Duration.ofMillis(200)),
            new RarpService(arp, Duration.ofMillis(200)),
            new DaytimeService(CLOCK, DaytimeFormat.parse("lab"), Duration.ofSeconds(2)), CLOCK, chat);

    @Test
    void theTableListsEachBuiltInMethodWithItsSignatureAndHelp() throws RpcException {
        assertThat(table.names()).containsSubsequence("add", "arp.lookup", "chat.rooms", "daytime", "echo",
                "rarp.lookup", "sleep", "time");
        assertThat(call("system.methodSignature", "[\"add\"]")).hasToString("[[\"int\",\"int\",\"int\"]]");
        assertThat(call("system.methodSignature", "[\"time\"]")).hasToString("[[\"dateTime.iso8601\"]]");
        assertThat(call("system.methodSignature", "[\"arp.lookup\"]")).hasToString("[[\"string\",\"string\"]]");
        assertThat(call("system.methodSignature", "[\"rarp.lookup\"]")).hasToString("[[\"array\",\"string\"]]");
        assertThat(call("system.methodSignature", "[\"chat.rooms\"]")).hasToString("[[\"struct\"]]");
        assertThat(call("system.methodSignature", "[\"echo\"]")).hasToString("[[\"any\",\"any\"]]");
        assertThat(call("system.methodSignature", "[\"sleep\"]")).hasToString("[[\"int\",\"int\"]]");
        for (String name : table.names()) {
            assertThat(table.find(name).orElseThrow().help()).as(name).doesNotContain("\n").endsWith(".");
        }
    }

    @Test
    void echoSendsAnyValueBackUnchanged() throws RpcException {
        String value = "{\"a\":[1,2.5,true,null,\"x\"],\"b\":{\"c\":\"\"}}";

        assertThat(call("echo", "[" + value + "]")).hasToString(value);
        assertThat(call("echo", "{\"value\":\"by name\"}")).hasToString("\"by name\"");
    }

    @Test
    void addAddsIntegersByPositionOrByName() throws RpcException {
        assertThat(call("add", "[2, 3]")).hasToString("5");
        assertThat(call("add", "{\"b\": -3, \"a\": 2}")).hasToString("-1");
        // Beyond 32 bits over JSON-RPC; XML-RPC's encoder refuses such a result, as Python's marshaller does.
        assertThat(call("add", "[2147483647, 1]")).hasToString("2147483648");
    }

    @Test
    void addRefusesWhatIsNoIntegerAndASumBeyond64Bits() {
        assertInvalidParams("add", "[2, \"3\"]", "add's parameter b is int, not \"3\"");
        assertInvalidParams("add", "[2.5, 1]", "add's parameter a is int, not 2.5");
        assertInvalidParams("add", "[2]", "add takes 2 arguments, not 1");
        assertInvalidParams("add", "[9223372036854775807, 1]",
                "the sum of 9223372036854775807 and 1 does not fit in 64 bits");
    }

    @Test
    void timeIsTheClocksLocalTimeToTheSecondWrittenAsIsoText() throws RpcException {
        Object now = table.call("time", null, context(WAIT));

        assertThat(now).isEqualTo(LocalDateTime.parse("2026-12-06T23:50:08"));
        assertThat(RpcValues.toTree(now)).hasToString("\"2026-12-06T23:50:08\"");
    }

    @Test
    void daytimeIsTheDaytimeServicesLine() throws RpcException {
        assertThat(call("daytime", "[]")).hasToString("\"06/12/2026 23:50:08\"");
    }

    @Test
    void arpLookupAnswersAsTheArpServiceDoes() throws RpcException {
        assertThat(call("arp.lookup", "[\"10.0.0.1\"]")).hasToString("\"0A:0B:0C:0D\"");
        assertThat(call("arp.lookup", "{\"address\": \" fd00::1 \"}")).hasToString("\"0A:0B:0C:0D\"");
        assertThat(call("arp.lookup", "[\"10.0.0.9\"]")).hasToString("\"Not Found\"");
    }

    @Test
    void arpLookupOfWhatIsNoAddressIsTheCallersErrorInTheArpServicesWords() {
        assertInvalidParams("arp.lookup", "[\"example.com\"]", "Invalid address: \"example.com\"");
        assertInvalidParams("arp.lookup", "[\"\"]", "Invalid address: \"\"");
        assertInvalidParams("arp.lookup", "[10]", "arp.lookup's parameter address is string, not 10");
    }

    @Test
    void rarpLookupListsEveryAddressOfTheHardwareAddressAndNoneForAnUnknownOne() throws RpcException {
        assertThat(call("rarp.lookup", "[\"0a-0b-0c-0d\"]")).hasToString("[\"10.0.0.1\",\"fd00::1\"]");
        assertThat(call("rarp.lookup", "[\"00:00:5e:00:53:99\"]")).hasToString("[]");
        assertInvalidParams("rarp.lookup", "[\"10.0.0.1\"]", "Invalid address: \"10.0.0.1\"");
    }

    @Test
    void chatRoomsListsTheRoomsOfTheChatServiceWithTheirMembers() throws Exception {
        assertThat(call("chat.rooms", null)).hasToString("{\"lobby\":0}");

        Endpoint served = servers.stream("chat", chat, StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient member = RawClient.connect(served)) {
            member.send("/join Games\n");
            Await.until(() -> chat.rooms().equals(Map.of("Games", 1, "lobby", 0)), WAIT, "the member in Games");
            assertThat(call("chat.rooms", "[]")).hasToString("{\"Games\":1,\"lobby\":0}");
        }
    }

    @Test
    void sleepSleepsAndSaysHowLong() throws RpcException {
        long start = System.nanoTime();

        assertThat(call("sleep", "[50]")).hasToString("50");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertInvalidParams("sleep", "[-1]", "sleep's milliseconds are 0 or more, not -1");
    }

    @Test
    void sleepEndsAtTheCallsDeadlineWhichAnswersDeadlineExceeded() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> table.call("sleep", tree("[60000]"), context(Duration.ofMillis(200))))
                .isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCodes.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
    }

    @Test
    void theBuiltInsAtTheirDefaultsHaveAnEmptyArpTable() throws RpcException {
        MethodTable defaults = BuiltinMethods.atDefaults(chat);

        assertThat(RpcValues.toTree(defaults.call("arp.lookup", tree("[\"10.0.0.1\"]"), context(WAIT))))
                .hasToString("\"Not Found\"");
        assertThat(RpcValues.toTree(defaults.call("daytime", null, context(WAIT))).asString())
                .matches("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d");
        assertThat(defaults.names()).isEqualTo(table.names());
    }

    /** {@code name}'s result for {@code params} (JSON, or null for none), as a JSON-RPC response would carry it. */
    private JsonNode call(String name, String params) throws RpcException {
        return RpcValues.toTree(table.call(name, params == null ? null : tree(params), context(WAIT)));
    }

    private void assertInvalidParams(String name, String params, String message) {
        assertThatThrownBy(() -> table.call(name, tree(params), context(WAIT)))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static JsonNode tree(String json) {
        return RpcValues.MAPPER.readTree(json);
    }

    private static CallContext context(Duration allowed) {
        return new CallContext(new InetSocketAddress("127.0.0.1", 40000), Instant.now().plus(allowed),
                LoggerFactory.getLogger("socklab.test.rpc"));
    }
}
