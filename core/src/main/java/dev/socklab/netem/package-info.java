/**
 * Network conditions a student sets without root or {@code tc}: lag, jitter, loss, duplication and
 * reordering ({@link dev.socklab.netem.NetworkConditions}), applied to what one side sends by an
 * {@link dev.socklab.netem.ImpairedLink}, in front of whatever really sends (a
 * {@link dev.socklab.service.DatagramPeer}, a client's socket). A game's server and its clients use
 * it to show what prediction, reconciliation and interpolation are for:
 *
 * <pre>{@code
 * NetworkConditions bad = new NetworkConditions(Duration.ofMillis(100), Duration.ofMillis(20), 0.05, 0.02, 0.01);
 * try (ImpairedLink link = new ImpairedLink(bad, new SplittableRandom(), "arena client")) {
 *     link.send(input, channel::write);       // goes 80 to 120 ms later, or not at all
 * }
 * }</pre>
 *
 * Not part of the service API: the runtime never applies it by itself.
 */
package dev.socklab.netem;
