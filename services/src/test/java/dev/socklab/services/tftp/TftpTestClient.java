package dev.socklab.services.tftp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;

/**
 * A TFTP client for tests, written apart from the service: raw packets to and from a
 * {@link DatagramChannel} on loopback for the protocol tests, and a patient get and put (windows,
 * re-ACK at its own timeout) for the fault tests. Written from RFC 1350 and RFC 7440 alone.
 */
final class TftpTestClient implements Closeable {
    /** How long the client waits before it acknowledges again or sends its window again. */
    private static final Duration PATIENCE = Duration.ofMillis(300);
    /** A test's transfer gives up after this long without progress. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress server;
    private final ByteBuffer in = ByteBuffer.allocate(65536);
    /** Where the last packet came from: the transfer's port once the server answered. */
    private SocketAddress from;

    TftpTestClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.channel = DatagramChannel.open(server.getAddress().getAddress().length == 4
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        channel.bind(new InetSocketAddress(server.getAddress(), 0));
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    /** The request packet: RRQ or WRQ with {@code options} as name, value, name, value. */
    static ByteBuffer request(boolean write, String filename, String mode, String... options) {
        return request(write, filename.getBytes(StandardCharsets.UTF_8), mode, options);
    }

    /** The request packet with a file name of raw bytes, for names that are not UTF-8. */
    static ByteBuffer request(boolean write, byte[] filename, String mode, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(write ? 2 : 1);
        out.writeBytes(filename);
        out.write(0);
        for (String s : concat(mode, options)) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    static ByteBuffer data(int block, byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length).putShort((short) 3).putShort((short) block).put(bytes).flip();
    }

    static ByteBuffer ack(int block) {
        return PacketCodec.ack(block);
    }

    /** This client's own address. */
    InetSocketAddress local() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Sends {@code packet} to the service's port. */
    void sendToServer(ByteBuffer packet) throws IOException {
        channel.send(packet.duplicate(), server);
    }

    /** Sends {@code packet} to where the last packet came from: the transfer's port. */
    void reply(ByteBuffer packet) throws IOException {
        channel.send(packet.duplicate(), from);
    }

    /** Sends {@code packet} to {@code to}. */
    void sendTo(ByteBuffer packet, SocketAddress to) throws IOException {
        channel.send(packet.duplicate(), to);
    }

    /** Where the last packet came from. */
    SocketAddress from() {
        return from;
    }

    /** The next packet, decoded, or null if none came within {@code wait}. */
    Packet receive(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            in.clear();
            SocketAddress sender = channel.receive(in);
            if (sender != null) {
                from = sender;
                in.flip();
                ByteBuffer copy = ByteBuffer.allocate(in.remaining()).put(in).flip();
                try {
                    return PacketCodec.decode(copy);
                } catch (TftpException e) {
                    throw new AssertionError("the server sent something that is no TFTP packet: " + e.getMessage());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
        }
    }

    /** The next packet, which must come within {@code wait}. */
    Packet expect(Duration wait) throws IOException {
        Packet packet = receive(wait);
        if (packet == null) {
            throw new AssertionError("nothing came within " + wait.toMillis() + " ms");
        }
        return packet;
    }

    /**
     * Reads {@code filename} with {@code options}, acknowledging each window of {@code windowsize}
     * (from the OACK, else 1), and again at its own timeout or at a block out of order.
     *
     * @throws TransferFailed if the server sent an ERROR
     */
    byte[] get(String filename, String mode, String... options) throws IOException, TransferFailed {
        sendToServer(request(false, filename, mode, options));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int blockSize = 512;
        int window = 1;
        long received = 0;
        int inWindow = 0;
        boolean started = false;
        long lastProgress = System.nanoTime();
        while (true) {
            if (System.nanoTime() - lastProgress > GIVE_UP.toNanos()) {
                throw new AssertionError("the get made no progress for " + GIVE_UP + " at block " + received);
            }
            Packet packet = receive(PATIENCE);
            if (packet == null) {
                if (started) {
                    reply(ack((int) received));
                    inWindow = 0;
                }
                continue;
            }
            switch (packet) {
                case Packet.OptionAck oack -> {
                    started = true;
                    blockSize = Integer.parseInt(oack.options().getOrDefault("blksize", "512"));
                    window = Integer.parseInt(oack.options().getOrDefault("windowsize", "1"));
                    if (received == 0) {
                        reply(ack(0));
                    }
                }
                case Packet.Data data -> {
                    started = true;
                    if (data.block() == (int) ((received + 1) & 0xFFFF)) {
                        byte[] bytes = new byte[data.payload().remaining()];
                        data.payload().get(bytes);
                        file.writeBytes(bytes);
                        received++;
                        inWindow++;
                        lastProgress = System.nanoTime();
                        if (bytes.length < blockSize) {
                            reply(ack((int) received));
                            return file.toByteArray();
                        }
                        if (inWindow == window) {
                            reply(ack((int) received));
                            inWindow = 0;
                        }
                    } else if (inWindow > 0 || data.block() == (int) (received & 0xFFFF)) {
                        // A block lost before this one, or a window sent again: say where we are.
                        reply(ack((int) received));
                        inWindow = 0;
                    }
                }
                case Packet.Error error -> throw new TransferFailed(error);
                default -> throw new AssertionError("unexpected " + packet);
            }
        }
    }

    /**
     * Writes {@code content} to {@code filename}, in windows of {@code windowsize} (from the OACK,
     * else 1), sending the window again at its own timeout.
     *
     * @throws TransferFailed if the server sent an ERROR
     */
    void put(String filename, byte[] content, String mode, String... options) throws IOException, TransferFailed {
        sendToServer(request(true, filename, mode, options));
        Packet first = expect(GIVE_UP);
        int blockSize = 512;
        int window = 1;
        switch (first) {
            case Packet.OptionAck oack -> {
                blockSize = Integer.parseInt(oack.options().getOrDefault("blksize", "512"));
                window = Integer.parseInt(oack.options().getOrDefault("windowsize", "1"));
            }
            case Packet.Ack ack when ack.block() == 0 -> { }
            case Packet.Error error -> throw new TransferFailed(error);
            default -> throw new AssertionError("unexpected " + first);
        }
        SocketAddress transfer = from;
        long blocks = content.length / blockSize + 1;
        long acknowledged = 0;
        long lastProgress = System.nanoTime();
        while (acknowledged < blocks) {
            if (System.nanoTime() - lastProgress > GIVE_UP.toNanos()) {
                throw new AssertionError("the put made no progress for " + GIVE_UP + " at block " + acknowledged);
            }
            for (long b = acknowledged + 1; b <= Math.min(blocks, acknowledged + window); b++) {
                int start = (int) ((b - 1) * blockSize);
                sendTo(data((int) b, Arrays.copyOfRange(content, start, Math.min(content.length, start + blockSize))),
                        transfer);
            }
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            for (long left = PATIENCE.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                Packet packet = receive(Duration.ofNanos(left));
                if (packet instanceof Packet.Error error) {
                    throw new TransferFailed(error);
                }
                if (packet instanceof Packet.Ack ack) {
                    int ahead = (ack.block() - (int) acknowledged) & 0xFFFF;
                    if (ahead >= 1 && ahead <= window) {
                        acknowledged += ahead;
                        lastProgress = System.nanoTime();
                        break;
                    }
                }
            }
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }

    /** The server ended a transfer with an ERROR. */
    static final class TransferFailed extends Exception {
        final int code;

        TransferFailed(Packet.Error error) {
            super("ERROR " + error.code() + ": " + error.message());
            this.code = error.code();
        }
    }
}
