package dev.socklab.services.rpc;

import java.net.InetSocketAddress;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.Param;

/**
 * The methods the XML-RPC tests call until the built-in ones serve: echo, add, sleep, a method that
 * returns nothing, and one that says which port the caller came from (one port for many calls:
 * the connection was kept alive).
 */
final class TestMethods {
    private static final Param<JsonNode> VALUE = Param.of("value", JsonNode.class);
    private static final Param<Integer> A = Param.of("a", int.class);
    private static final Param<Integer> B = Param.of("b", int.class);
    private static final Param<Long> MILLISECONDS = Param.of("milliseconds", long.class);

    private TestMethods() {
    }

    static MethodTable table() {
        return new MethodTable()
                .add("echo", "Answers with its argument.", JsonNode.class, List.of(VALUE),
                        (args, context) -> args.get(VALUE))
                .add("add", "Adds two integers.", int.class, List.of(A, B),
                        (args, context) -> args.get(A) + args.get(B))
                .add("sleep", "Sleeps for milliseconds, then answers with them.", long.class, List.of(MILLISECONDS),
                        (args, context) -> {
                            Thread.sleep(args.get(MILLISECONDS));
                            return args.get(MILLISECONDS);
                        })
                .add("nothing", "Answers with nothing.", void.class, List.of(), (args, context) -> null)
                .add("peer.port", "The port the call came from.", int.class, List.of(),
                        (args, context) -> ((InetSocketAddress) context.peer()).getPort());
    }
}
