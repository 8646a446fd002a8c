/**
 * Connect four for two players over telnet or {@code nc}: a lobby, pairing by {@code /play} or by
 * challenge, spectators, a time limit on each move (the protocol is in docs/services.md).
 */
package dev.socklab.services.connect4;
