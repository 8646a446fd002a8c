package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;
import dev.socklab.trace.Tracer;

/**
 * The TFTP client against a scripted server on loopback: each test plays the server's side packet
 * by packet, from the request port and from a transfer ID of its own, to show one rule.
 */
@Timeout(30)
class TftpClientTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Peer listener = Peer.open();
    private final Peer transfer = Peer.open();
    private final Peer stranger = Peer.open();

    @AfterEach
    void close() throws IOException {
        listener.close();
        transfer.close();
        stranger.close();
    }

    @Test
    void aServerThatIgnoresOptionsIsAnsweredBlockByBlockAndAStrangerGetsError5() throws Exception {
        byte[] first = new byte[512];
        Arrays.fill(first, (byte) 'a');
        CompletableFuture<ByteArrayOutputStream> got = CompletableFuture.supplyAsync(() -> get(client(2, 5), "f"));
        Datagram rrq = listener.receive();
        assertThat(decode(rrq.data()).opcode()).isEqualTo(PacketCodec.RRQ);
        assertThat(text(rrq.data())).contains("tsize\0" + "0\0").contains("blksize\0" + "1024\0");
        transfer.send(PacketCodec.data(1, ByteBuffer.wrap(first)), rrq.from());
        assertThat(transfer.receive().data()).isEqualTo(PacketCodec.ack(1));
        stranger.send(PacketCodec.data(2, ByteBuffer.wrap("evil".getBytes(StandardCharsets.US_ASCII))), rrq.from());
        Datagram refusal = stranger.receive();
        assertThat(decode(refusal.data())).isInstanceOfSatisfying(Packet.Error.class,
                error -> assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_TRANSFER_ID.code()));
        transfer.send(PacketCodec.data(2, ByteBuffer.wrap("end".getBytes(StandardCharsets.US_ASCII))), rrq.from());
        assertThat(transfer.receive().data()).isEqualTo(PacketCodec.ack(2));
        byte[] bytes = got.get(WAIT.toSeconds(), TimeUnit.SECONDS).toByteArray();
        assertThat(bytes).hasSize(515).endsWith("end".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aDuplicateAckSendsNothingAndOnlyTheTimeoutResends() throws Exception {
        byte[] file = "twelve bytes".getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<TftpClient.Result> sent = CompletableFuture.supplyAsync(() -> put(client(1, 5), file));
        Datagram wrq = listener.receive();
        assertThat(decode(wrq.data()).opcode()).isEqualTo(PacketCodec.WRQ);
        transfer.send(PacketCodec.ack(0), wrq.from());
        Datagram data = transfer.receive();
        long sentAt = System.nanoTime();
        assertThat(data.data()).isEqualTo(PacketCodec.data(1, ByteBuffer.wrap(file)));
        transfer.send(PacketCodec.ack(0), wrq.from()); // a duplicate of the ACK that started the transfer
        Datagram again = transfer.receive();
        assertThat(again.data()).as("DATA 1, sent again").isEqualTo(data.data());
        assertThat(System.nanoTime() - sentAt).as("resent on the timeout, not at once on the duplicate")
                .isGreaterThanOrEqualTo(INTERVAL.toNanos() * 9 / 10);
        transfer.send(PacketCodec.ack(1), wrq.from());
        assertThat(sent.get(WAIT.toSeconds(), TimeUnit.SECONDS).bytes()).isEqualTo(file.length);
    }

    @Test
    void aSilentServerIsAskedAgainABoundedNumberOfTimes() throws Exception {
        CompletableFuture<ByteArrayOutputStream> got = CompletableFuture.supplyAsync(() -> get(client(1, 2), "f"));
        for (int i = 0; i < 3; i++) {
            assertThat(decode(listener.receive().data()).opcode()).isEqualTo(PacketCodec.RRQ);
        }
        assertThatThrownBy(() -> got.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .rootCause().isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("after 2 retransmissions 300ms apart");
    }

    @Test
    void optionsRefusedWithError8AreAskedForNoMore() throws Exception {
        CompletableFuture<ByteArrayOutputStream> got = CompletableFuture.supplyAsync(() -> get(client(4, 5), "f"));
        Datagram rrq = listener.receive();
        transfer.send(PacketCodec.error(ErrorCode.OPTION_REFUSED, "no options"), rrq.from());
        Datagram plain = listener.receive();
        assertThat(plain.data()).isEqualTo(PacketCodec.request(false, "f", "octet", Map.of()));
        transfer.send(PacketCodec.data(1, ByteBuffer.allocate(0)), plain.from());
        assertThat(transfer.receive().data()).isEqualTo(PacketCodec.ack(1));
        assertThat(got.get(WAIT.toSeconds(), TimeUnit.SECONDS).size()).isZero();
    }

    @Test
    void aGapInAWindowIsAnsweredWithTheLastBlockInOrder() throws Exception {
        CompletableFuture<ByteArrayOutputStream> got = CompletableFuture.supplyAsync(() -> get(client(4, 5), "f"));
        Datagram rrq = listener.receive();
        transfer.send(oack("tsize", "0", "blksize", "8", "windowsize", "4"), rrq.from());
        assertThat(transfer.receive().data()).isEqualTo(PacketCodec.ack(0));
        transfer.send(block(1, 8), rrq.from());
        transfer.send(block(3, 8), rrq.from()); // block 2 lost
        assertThat(transfer.receive().data()).as("the last block in order").isEqualTo(PacketCodec.ack(1));
        transfer.send(block(2, 8), rrq.from());
        transfer.send(block(3, 8), rrq.from());
        transfer.send(block(4, 2), rrq.from());
        assertThat(transfer.receive().data()).isEqualTo(PacketCodec.ack(4));
        assertThat(got.get(WAIT.toSeconds(), TimeUnit.SECONDS).size()).isEqualTo(26);
    }

    private TftpClient client(int windowsize, int retries) {
        int blksize = windowsize == 2 ? 1024 : windowsize == 4 ? 8 : TftpClient.DEFAULT_BLKSIZE;
        return TftpClient.of(Host.parse("127.0.0.1"), listener.port(), Family.IPV4,
                new TftpClient.Settings(blksize, windowsize == 2 ? 1 : windowsize, INTERVAL, retries), Tracer.off());
    }

    private static ByteArrayOutputStream get(TftpClient client, String file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            client.get(file, out, TransferProgress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static TftpClient.Result put(TftpClient client, byte[] file) {
        try {
            return client.put("f", new ByteArrayInputStream(file), file.length, TransferProgress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer block(int n, int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) ('0' + n));
        return PacketCodec.data(n, ByteBuffer.wrap(payload));
    }

    private static ByteBuffer oack(String... pairs) {
        ByteBuffer packet = ByteBuffer.allocate(512).putShort((short) PacketCodec.OACK);
        for (String word : pairs) {
            packet.put(word.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        }
        return packet.flip();
    }

    /** A packet the scripted server received, decoded without moving its buffer. */
    private static Packet decode(ByteBuffer packet) throws TftpException {
        return PacketCodec.decode(packet.duplicate());
    }

    private static String text(ByteBuffer packet) {
        return StandardCharsets.ISO_8859_1.decode(packet.duplicate()).toString();
    }

    /** One datagram the scripted server received. */
    private record Datagram(ByteBuffer data, SocketAddress from) {
    }

    /** One of the scripted server's sockets on 127.0.0.1, whose receive waits at most {@link #WAIT}. */
    private record Peer(DatagramChannel channel, Selector selector) {
        static Peer open() {
            try {
                DatagramChannel channel = DatagramChannel.open();
                channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                channel.configureBlocking(false);
                Selector selector = Selector.open();
                channel.register(selector, SelectionKey.OP_READ);
                return new Peer(channel, selector);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return channel.socket().getLocalPort();
        }

        void send(ByteBuffer packet, SocketAddress to) throws IOException {
            channel.send(packet.duplicate(), to);
        }

        Datagram receive() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(TftpSession.MAX_PACKET);
            long end = System.nanoTime() + WAIT.toNanos();
            SocketAddress from;
            while ((from = channel.receive(buffer)) == null) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("the client sent nothing within " + WAIT);
                }
                selector.select(left);
                selector.selectedKeys().clear();
            }
            return new Datagram(buffer.flip(), from);
        }

        void close() throws IOException {
            selector.close();
            channel.close();
        }
    }
}
