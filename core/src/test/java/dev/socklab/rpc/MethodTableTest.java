package dev.socklab.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

import dev.socklab.testing.LogCapture;

/**
 * {@link MethodTable}, {@link Arguments} and {@link RpcValues}: arguments mapped strictly to each
 * parameter's type, by position and by name; a method's own error passing through, any other
 * failure an internal error; the deadline held; introspection.
 */
@Timeout(20)
class MethodTableTest {
    record Point(int x, int y) {
    }

    private static final Param<Integer> N = Param.of("n", int.class);
    private static final Param<Integer> BOXED = Param.of("boxed", Integer.class);
    private static final Param<String> TEXT = Param.of("text", String.class);
    private static final Param<Boolean> FLAG = Param.of("flag", boolean.class);
    private static final Param<Point> POINT = Param.of("point", Point.class);
    private static final Param<List> LIST = Param.of("list", List.class);
    private static final Param<Map> MAP = Param.of("map", Map.class);
    private static final Param<byte[]> BYTES = Param.of("bytes", byte[].class);
    private static final Param<LocalDateTime> WHEN = Param.of("when", LocalDateTime.class);
    private static final Param<Instant> INSTANT = Param.of("instant", Instant.class);

    private final MethodTable table = new MethodTable();

    @Test
    void argumentsAreMappedToEachParametersType() throws RpcException {
        assertThat(one(N, "2")).isEqualTo(2);
        assertThat(one(TEXT, "\"2\"")).isEqualTo("2");
        assertThat(one(FLAG, "true")).isEqualTo(true);
        assertThat(one(POINT, "{\"x\":1,\"y\":2}")).isEqualTo(new Point(1, 2));
        assertThat(one(LIST, "[1,\"a\",null]")).isEqualTo(java.util.Arrays.asList(1, "a", null));
        assertThat(one(MAP, "{\"a\":[1]}")).isEqualTo(Map.of("a", List.of(1)));
        assertThat((byte[]) one(BYTES, "\"aGVsbG8=\"")).asString().isEqualTo("hello");
        assertThat(one(WHEN, "\"2026-12-06T22:42:07\"")).isEqualTo(LocalDateTime.of(2026, 12, 6, 22, 42, 7));
        assertThat(one(INSTANT, "\"2026-12-06T22:42:07Z\"")).isEqualTo(Instant.parse("2026-12-06T22:42:07Z"));
        assertThat(one(BOXED, "null")).isNull();
    }

    @Test
    void aValueOfTheWrongTypeIsInvalidParams() {
        assertInvalidParams(() -> one(N, "\"2\""));
        assertInvalidParams(() -> one(TEXT, "2"));
        assertInvalidParams(() -> one(N, "2.5"));
        assertInvalidParams(() -> one(N, "null"));
        assertInvalidParams(() -> one(N, "3000000000"));
        assertInvalidParams(() -> one(FLAG, "1"));
        assertInvalidParams(() -> one(TEXT, "true"));
        assertInvalidParams(() -> one(POINT, "{\"x\":1,\"y\":2,\"z\":3}"));
        assertInvalidParams(() -> one(BYTES, "\"not base64!\""));
        assertInvalidParams(() -> one(WHEN, "\"yesterday\""));
        assertInvalidParams(() -> one(LIST, "1"));
    }

    @Test
    void argumentsComeByPositionByNameOrNotAtAllAndEachParameterIsRequired() throws RpcException {
        Param<Integer> b = Param.of("b", int.class);
        table.add("minus", "a - b", int.class, List.of(N, b), (args, ctx) -> args.get(N) - args.get(b));
        table.add("none", "nothing", int.class, List.of(), (args, ctx) -> 7);

        assertThat(table.call("minus", tree("[5,3]"), context(Duration.ofSeconds(5)))).isEqualTo(2);
        assertThat(table.call("minus", tree("{\"b\":3,\"n\":5}"), context(Duration.ofSeconds(5)))).isEqualTo(2);
        assertThat(table.call("none", null, context(Duration.ofSeconds(5)))).isEqualTo(7);
        assertThat(table.call("none", tree("[]"), context(Duration.ofSeconds(5)))).isEqualTo(7);
        assertInvalidParams(() -> table.call("minus", tree("[5]"), context(Duration.ofSeconds(5))));
        assertInvalidParams(() -> table.call("minus", tree("[5,3,1]"), context(Duration.ofSeconds(5))));
        assertInvalidParams(() -> table.call("minus", tree("{\"n\":5}"), context(Duration.ofSeconds(5))));
        assertInvalidParams(() -> table.call("minus", tree("{\"n\":5,\"b\":3,\"c\":1}"), context(Duration.ofSeconds(5))));
        assertInvalidParams(() -> table.call("minus", tree("5"), context(Duration.ofSeconds(5))));
        assertThatThrownBy(() -> table.call("plus", null, context(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32601));
    }

    @Test
    void aMethodsRpcExceptionPassesThroughWithItsData() {
        table.add("refuse", "refuses", void.class, List.of(), (args, ctx) -> {
            throw new RpcException(-32010, "not today", Map.of("retry_after", 60));
        });

        assertThatThrownBy(() -> table.call("refuse", null, context(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32010);
                    assertThat(e.getMessage()).isEqualTo("not today");
                    assertThat(e.data()).contains(Map.of("retry_after", 60));
                });
    }

    @Test
    void anyOtherFailureOfAMethodIsAnInternalErrorAndLogged() {
        table.add("crash", "crashes", void.class, List.of(), (args, ctx) -> {
            throw new IllegalStateException("the bug");
        });

        try (LogCapture log = LogCapture.socklab()) {
            assertThatThrownBy(() -> table.call("crash", null, context(Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32603);
                        assertThat(e.getMessage()).doesNotContain("the bug");
                    });
            assertThat(log.awaitContaining("method crash failed")).isNotEmpty();
        }
    }

    @Test
    void aCallPastItsDeadlineIsAnsweredSoonAfterItAndItsThreadIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        table.add("hang", "hangs", void.class, List.of(), (args, ctx) -> {
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        });
        Duration deadline = Duration.ofMillis(300);
        // Warm: a cold JVM's first call loads Jackson, which is no part of what this measures.
        table.call("system.listMethods", null, context(Duration.ofSeconds(5)));
        long start = System.nanoTime();
        RpcException overrun = null;
        try {
            table.call("hang", null, context(deadline));
        } catch (RpcException e) {
            overrun = e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(overrun).isNotNull();
        assertThat(overrun.code()).isEqualTo(-32000);
        // The time the call had left once its arguments were read: at most the deadline.
        assertThat(overrun.data().orElseThrow()).isInstanceOfSatisfying(Map.class,
                data -> assertThat((long) data.get("deadline_ms")).isBetween(0L, 300L));
        assertThat(took).isBetween(deadline.minusMillis(20), deadline.plusSeconds(1));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Timeout(10)
    void aMethodThatSwallowsTheDeadlinesInterruptIsStillPastItAndTheCallersThreadIsLeftUninterrupted() throws Exception {
        table.add("stubborn", "ignores its deadline", String.class, List.of(), (args, ctx) -> {
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                // Swallowed: the method answers as if nothing happened.
            }
            return "done";
        });
        RpcException overrun = null;
        try {
            table.call("stubborn", null, context(Duration.ofMillis(100)));
        } catch (RpcException e) {
            overrun = e;
        }

        assertThat(overrun).isNotNull();
        assertThat(overrun.code()).isEqualTo(-32000);
        // The method ran in this thread: the deadline's interrupt must not outlive the call, or the connection's
        // next socket operation would close its channel.
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(table.call("system.listMethods", null, context(Duration.ofSeconds(5)))).isNotNull();
    }

    @Test
    void introspectionListsDescribesAndSignsEveryMethod() throws RpcException {
        table.add("plus", "Adds.", int.class, List.of(N, Param.of("m", int.class)), (args, ctx) -> 0);

        assertThat(table.call("system.listMethods", null, context(Duration.ofSeconds(5))))
                .isEqualTo(List.of("plus", "system.listMethods", "system.methodHelp", "system.methodSignature"));
        assertThat(table.call("system.methodHelp", tree("[\"plus\"]"), context(Duration.ofSeconds(5)))).isEqualTo("Adds.");
        assertThat(table.call("system.methodSignature", tree("[\"plus\"]"), context(Duration.ofSeconds(5))))
                .isEqualTo(List.of(List.of("int", "int", "int")));
        assertThatThrownBy(() -> table.add("system.mine", "no", int.class, List.of(), (args, ctx) -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.add("plus", "again", int.class, List.of(), (args, ctx) -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void argumentsRefuseAParameterTheMethodDidNotDeclare() throws RpcException {
        table.add("peek", "peeks", int.class, List.of(N), (args, ctx) -> args.get(BOXED));

        assertThatThrownBy(() -> table.call("peek", tree("[1]"), context(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32603));
    }

    /** The value {@code json} becomes as the one argument of a method that takes {@code param}. */
    private Object one(Param<?> param, String json) throws RpcException {
        String name = "m" + table.names().size();
        table.add(name, "returns its argument", Object.class, List.of(param), (args, ctx) -> args.get(param));
        return table.call(name, tree("[" + json + "]"), context(Duration.ofSeconds(5)));
    }

    private static void assertInvalidParams(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(-32602);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    private static CallContext context(Duration deadline) {
        return new CallContext(new InetSocketAddress("127.0.0.1", 40000), Instant.now().plus(deadline),
                LoggerFactory.getLogger("socklab.rpc.test"));
    }

    private static JsonNode tree(String json) {
        return RpcValues.MAPPER.readTree(json);
    }
}
