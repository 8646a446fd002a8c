/**
 * The {@code arena} service: a real-time game over UDP (port 10666) with an authoritative server,
 * the protocol of {@link dev.socklab.arena} (docs/services.md draws it byte by byte).
 *
 * <ul>
 *   <li>{@link dev.socklab.services.arena.Arena}: the engine, apart from any socket, shared by every
 *       transport: the handshake with {@link dev.socklab.services.arena.Cookies}, sessions, inputs
 *       ({@link dev.socklab.services.arena.InputQueue}, {@link dev.socklab.services.arena.ReplayWindow},
 *       {@link dev.socklab.services.arena.Strikes}), the tick thread
 *       ({@link dev.socklab.services.arena.TickLoop}) and the snapshots
 *       ({@link dev.socklab.services.arena.NearestPlayers}, {@link dev.socklab.services.arena.ViewHistory}).</li>
 *   <li>{@link dev.socklab.services.arena.ArenaLink}: where a packet came from and the way back; over UDP
 *       a datagram and its peer ({@link dev.socklab.services.arena.UdpLink}), in a browser a WebSocket.</li>
 *   <li>{@link dev.socklab.services.arena.ArenaService}: the arena as a UDP service.</li>
 *   <li>{@link dev.socklab.services.arena.ArenaCounters}: what it did, and what it dropped
 *       ({@link dev.socklab.services.arena.DropReason}).</li>
 * </ul>
 */
package dev.socklab.services.arena;
