package dev.socklab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.socklab.arena.PacketCodec;
import dev.socklab.client.arena.ArenaClient;
import dev.socklab.client.arena.Switches;
import dev.socklab.trace.Tracer;

/**
 * {@code socklab play}: a player in socklab's UDP arena, full screen on a terminal
 * ({@link PlayScreen}), with the keys that switch prediction, reconciliation and interpolation.
 * Not a {@link ClientCommand}: the arena is UDP only, and has no TLS or Unix socket.
 */
@Command(name = "play", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        subcommands = PlayConnect4Command.class,
        description = {"Plays in a socklab arena over UDP, full screen on a terminal.",
                "Keys: the arrows or WASD move (hold one to keep moving), space fires, q or Ctrl-C quits.",
                "Switches, on at the start: p turns prediction on and off (your own player moves at once, not a"
                + " round trip later), r reconciliation (your player is not pulled back when a snapshot comes), i"
                + " interpolation (the others glide between snapshots instead of jumping). docs/play.md says what to"
                + " watch for each.",
                "The screen: @ is you, a letter each other player (the first of their nickname), a line of - | / \\"
                + " a shot. The status line shows the round trip, the snapshots lost over the last 3 seconds, the"
                + " snapshots a second, how often reconciliation corrected your position, the players, and your"
                + " score and health."},
        footer = {"", "Exit code 4 when the server ends the game (it says why), 6 when it refuses you.",
                "", "Examples:",
                "  socklab play                          localhost, port 10666",
                "  socklab play 192.0.2.7 --name alice",
                "  socklab play --lag 200ms --jitter 30ms --loss 5%%",
                "  socklab play --no-interpolation       watch the others jump",
                "  socklab play --trace 2>trace.log      every datagram, in a file",
                "  socklab play connect4                 connect four instead, on port 10004"})
final class PlayCommand implements Callable<Integer> {
    private static final String SERVICE = "arena";

    @Mixin
    ServerAddress server;

    @ArgGroup(exclusive = true)
    FamilyOptions family = new FamilyOptions();

    @Option(names = "--name", paramLabel = "NICK",
            description = "Your nickname, 1 to 16 bytes (default: your login name, cut to 16 bytes).")
    String name;

    @Option(names = "--trace", description = "Print every socket call on standard error, one line a datagram:"
            + " redirect it, since the arena fills the screen.")
    boolean trace;

    @Mixin
    NetworkConditionsOptions network;

    @Option(names = "--no-prediction", description = "Start with prediction off.")
    boolean noPrediction;

    @Option(names = "--no-reconciliation", description = "Start with reconciliation off.")
    boolean noReconciliation;

    @Option(names = "--no-interpolation", description = "Start with interpolation off.")
    boolean noInterpolation;

    @Override
    public Integer call() throws IOException {
        String nickname = name != null ? name : cut(System.getProperty("user.name", ""));
        ArenaClient.Settings settings;
        try {
            settings = new ArenaClient.Settings(nickname, network.conditions(),
                    new Switches(!noPrediction, !noReconciliation, !noInterpolation));
        } catch (IllegalArgumentException e) {
            throw new Errors.UsageException("--name takes 1 to " + PacketCodec.MAX_NAME_BYTES + " bytes, not '"
                    + nickname + "': choose a shorter one");
        }
        Optional<PlayScreen> opened = PlayScreen.open();
        if (opened.isEmpty()) {
            throw new Errors.UsageException("socklab play draws the arena full screen and needs a terminal: run it in"
                    + " one, not through a pipe or in a dumb terminal");
        }
        Tracer tracer = trace ? Tracer.printingTo(System.err) : Tracer.off();
        ArenaClient.Ending ending;
        try (PlayScreen screen = opened.get()) {
            KeyHold keys = new KeyHold();
            ArenaClient client = ArenaClient.join(server.host(), server.port(SERVICE), family.family(), settings,
                    () -> keys.sample(System.nanoTime()), tracer);
            try (client) {
                screen.play(client, keys, "you are " + nickname + " (@): arrows or WASD move, space fires");
            }
            ending = client.ending().join();
        }
        Optional<IOException> failure = ending.failure();
        if (failure.isPresent()) {
            throw failure.get();
        }
        return ExitCode.OK.code;
    }

    /** {@code login} cut to the longest nickname, whole characters only; {@code player} if nothing is left. */
    static String cut(String login) {
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < login.length(); ) {
            int c = login.codePointAt(i);
            String one = new String(Character.toChars(c));
            bytes += one.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > PacketCodec.MAX_NAME_BYTES) {
                break;
            }
            kept.append(one);
            i += Character.charCount(c);
        }
        return kept.isEmpty() ? "player" : kept.toString();
    }
}
