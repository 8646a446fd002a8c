package dev.socklab.rpc;

import java.time.Duration;
import java.util.List;

/**
 * Methods for the RPC tests: the JSON-RPC specification's examples (subtract, sum, update,
 * notify_hello, notify_sum, get_data) and the lab's echo, add and sleep, whose sleep ends early only
 * when its thread is interrupted.
 */
public final class TestMethods {
    private TestMethods() {
    }

    /** A table with every test method. */
    public static MethodTable table() {
        Param<Object> value = Param.of("value", Object.class);
        Param<Integer> a = Param.of("a", int.class);
        Param<Integer> b = Param.of("b", int.class);
        Param<Integer> c = Param.of("c", int.class);
        Param<Integer> minuend = Param.of("minuend", int.class);
        Param<Integer> subtrahend = Param.of("subtrahend", int.class);
        Param<Long> milliseconds = Param.of("milliseconds", long.class);
        MethodTable table = new MethodTable();
        table.add("echo", "Answers with its argument.", Object.class, List.of(value), (args, ctx) -> args.get(value));
        table.add("add", "Adds two integers.", int.class, List.of(a, b), (args, ctx) -> args.get(a) + args.get(b));
        table.add("sleep", "Sleeps for milliseconds, then answers with them.", long.class, List.of(milliseconds),
                (args, ctx) -> {
                    Thread.sleep(Duration.ofMillis(args.get(milliseconds)));
                    return args.get(milliseconds);
                });
        table.add("subtract", "Subtracts subtrahend from minuend.", int.class, List.of(minuend, subtrahend),
                (args, ctx) -> args.get(minuend) - args.get(subtrahend));
        table.add("sum", "Adds three integers.", int.class, List.of(a, b, c),
                (args, ctx) -> args.get(a) + args.get(b) + args.get(c));
        table.add("notify_sum", "Adds three integers, for a notification.", int.class, List.of(a, b, c),
                (args, ctx) -> args.get(a) + args.get(b) + args.get(c));
        table.add("notify_hello", "Says hello, for a notification.", void.class, List.of(a), (args, ctx) -> null);
        List<Param<?>> five = List.of(a, b, c, Param.of("d", int.class), Param.of("e", int.class));
        table.add("update", "Takes five integers and answers nothing.", void.class, five, (args, ctx) -> null);
        table.add("get_data", "Answers with the specification's data.", List.class, List.of(),
                (args, ctx) -> List.of("hello", 5));
        return table;
    }
}
