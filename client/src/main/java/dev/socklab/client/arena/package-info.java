/**
 * The arena's Java client (docs/services.md, "arena"): {@link dev.socklab.client.arena.ArenaClient}
 * joins and plays over UDP; the rest is what a client does with the snapshots, apart from any
 * socket or clock, as Gabriel Gambetta's "Fast-Paced Multiplayer" describes it, each technique with
 * a switch ({@link dev.socklab.client.arena.Switches}): client-side prediction and server
 * reconciliation of the own player, and interpolation of the others, with the figures a status
 * line shows ({@link dev.socklab.client.arena.ArenaStats}).
 */
package dev.socklab.client.arena;
