/**
 * The arena's game and its wire protocol, apart from any socket: what the authoritative server
 * simulates and what each side sends, byte for byte as docs/services.md shows it.
 *
 * <ul>
 *   <li>{@link dev.socklab.arena.Physics} and {@link dev.socklab.arena.Simulation}: a small 2-D arena
 *       in integer units, advanced one tick at a time from numbered inputs, with every random choice
 *       drawn from a seeded source, so that a recorded input stream replays to the same states.
 *       Clients run {@link dev.socklab.arena.Physics#move} themselves to predict their own moves.</li>
 *   <li>{@link dev.socklab.arena.Packet} and {@link dev.socklab.arena.PacketCodec}: the handshake
 *       (CONNECT, CHALLENGE with a cookie, JOIN, WELCOME or REFUSED), inputs, snapshots, warnings and
 *       leaving. Decoding is strict and bounded: a short, long or lying packet is a
 *       {@link dev.socklab.arena.MalformedPacketException}, never a large allocation.</li>
 *   <li>{@link dev.socklab.arena.View} and {@link dev.socklab.arena.EntityDelta}: what one player sees
 *       of the arena, and a snapshot as the difference from a view that player acknowledged.</li>
 *   <li>{@link dev.socklab.arena.ViewBuffer} and {@link dev.socklab.arena.SnapshotWriter}: the same
 *       views and snapshots for a server that sends hundreds a tick, in reused buffers and written
 *       straight into the packet, byte for byte as the records encode.</li>
 * </ul>
 */
package dev.socklab.arena;
