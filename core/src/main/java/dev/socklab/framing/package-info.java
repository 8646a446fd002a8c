/**
 * Framing apart from the socket: {@link dev.socklab.framing.LineFraming} cuts lines and chunks out
 * of whatever a {@link dev.socklab.framing.ByteSource} gives. The runtime frames every connection's
 * {@code readLine}, {@code readUpTo} and {@code read} with it over the socket; a protocol's parser,
 * a test, a fuzz target or a benchmark frames bytes in memory with it, the same code either way.
 */
package dev.socklab.framing;
