package dev.socklab.benchmarks.micro;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.socklab.net.Host;
import dev.socklab.net.Ports;
import dev.socklab.net.SocketAddresses;

/**
 * What reading the lab's address vocabulary costs: {@link Host#parse} on each literal form,
 * {@link Ports#parse} on a service name and a number, and {@link SocketAddresses#format}, which
 * every log and trace line calls. Inputs are fields, not constants, so that the JIT cannot fold them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AddressParsingBenchmark {
    String dottedQuad = "192.168.100.200";
    String ipv6Literal = "2001:db8::8a2e:370:7334";
    String ipv6LiteralWithZone = "fe80::1%lo";
    String decimalInteger = "2130706433";
    String portName = "daytime";
    String portNumber = "8080";
    InetSocketAddress ipv4Peer;
    InetSocketAddress ipv6Peer;

    /** Builds the socket addresses, and reads the services table once, as the first real call would. */
    @Setup
    public void setUp() throws UnknownHostException {
        ipv4Peer = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 53422);
        ipv6Peer = new InetSocketAddress(InetAddress.getByName("2001:db8::8a2e:370:7334"), 7000);
        Ports.parse(portName);
    }

    @Benchmark
    public Host hostDottedQuad() {
        return Host.parse(dottedQuad);
    }

    @Benchmark
    public Host hostIpv6Literal() {
        return Host.parse(ipv6Literal);
    }

    /** A zone names an interface: an arp request may carry one, so it must cost little more than a plain literal. */
    @Benchmark
    public Host hostIpv6LiteralWithZone() {
        return Host.parse(ipv6LiteralWithZone);
    }

    @Benchmark
    public Host hostDecimalInteger() {
        return Host.parse(decimalInteger);
    }

    @Benchmark
    public int portServiceName() {
        return Ports.parse(portName);
    }

    @Benchmark
    public int portNumber() {
        return Ports.parse(portNumber);
    }

    @Benchmark
    public String formatIpv4SocketAddress() {
        return SocketAddresses.format(ipv4Peer);
    }

    @Benchmark
    public String formatIpv6SocketAddress() {
        return SocketAddresses.format(ipv6Peer);
    }
}
