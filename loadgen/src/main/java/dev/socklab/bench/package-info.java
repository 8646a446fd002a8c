/**
 * {@code socklab bench}: a load generator for socklab's echo, greeting and chat services, and for
 * any server that speaks their protocols, in the manner of redis-benchmark, wrk and iperf3.
 *
 * <p>{@link dev.socklab.bench.LoadGenerator#run} runs a {@link dev.socklab.bench.BenchPlan}: one
 * platform thread per core at most, each with its own {@link java.nio.channels.Selector} and a share
 * of the non-blocking connections, so that the generator is not what limits the numbers, and it
 * measures its own CPU to say when it was. Per-connection buffers are made once; an operation
 * allocates nothing. Latencies go into a fixed-size log-linear histogram per thread, merged at the
 * end. Every run is bounded: by its warm-up and duration (at most 1 and 10 minutes), by its
 * request cap, and by per-connection timeouts; errors are counted by
 * {@link dev.socklab.bench.ErrorKind}, never thrown. {@link dev.socklab.bench.BenchReport} writes the
 * results as a table, JSON or CSV, and {@link dev.socklab.bench.SweepChart} draws a sweep as SVG.
 */
package dev.socklab.bench;
