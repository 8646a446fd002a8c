/**
 * JMH micro-benchmarks of socklab's hot paths that do not touch a socket: address parsing, the
 * cost of tracing and logging when they are off, the escaped preview of trace lines, and line
 * framing. Built into {@code benchmarks/target/benchmarks.jar}; run with
 * {@code java -jar benchmarks/target/benchmarks.jar}, never by {@code mvn verify}.
 *
 * <p>Each class runs one fork of 3 one-second warm-up and 5 one-second measured iterations, so
 * the whole set takes about four minutes; JMH's own options ({@code -f}, {@code -wi}, {@code -i})
 * override that.
 */
package dev.socklab.benchmarks.micro;
