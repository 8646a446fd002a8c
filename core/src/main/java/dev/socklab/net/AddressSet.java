package dev.socklab.net;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.socklab.text.CappedFile;
import dev.socklab.text.IoFailure;

/**
 * A list of addresses and CIDR blocks, IPv4 and IPv6, as an allow or deny list holds them: given
 * inline ({@code 10.0.0.0/8,::1}) or read from a file, one or more a line, {@code #} starting a
 * comment, as ncat's {@code --allowfile} and xinetd's {@code only_from} take them.
 */
public final class AddressSet {
    /** No address at all. */
    public static final AddressSet EMPTY = new AddressSet(List.of());
    /** The most entries one file may hold: the list is matched entry by entry on every accept. */
    public static final int MAX_ENTRIES = 10_000;
    /**
     * The largest file read, so that {@code /dev/zero} given by mistake cannot hold up start-up: 1 MiB,
     * far more than {@link #MAX_ENTRIES} entries of the longest form with a comment each need.
     */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private final List<Cidr> blocks;

    private AddressSet(List<Cidr> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** The set of these blocks. */
    public static AddressSet of(List<Cidr> blocks) {
        return new AddressSet(blocks);
    }

    /**
     * Reads a comma- or space-separated list of addresses and blocks.
     *
     * @throws AddressException naming the entry that is not one
     */
    public static AddressSet parse(String list) {
        return new AddressSet(entries(list).map(Cidr::parse).toList());
    }

    /**
     * Reads a file of addresses and blocks, one or more a line; blank lines and text after
     * {@code #} are ignored.
     *
     * @throws AddressException naming the file and line of an entry that is not an address or a
     *     block, or the file if it cannot be read, is not UTF-8, is larger than {@link #MAX_FILE_BYTES}
     *     or holds more than {@link #MAX_ENTRIES}
     */
    public static AddressSet load(Path file) {
        List<String> lines;
        try {
            lines = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(CappedFile.readWhole(file, MAX_FILE_BYTES)))
                    .toString().lines().toList();
        } catch (CappedFile.TooLargeException e) {
            throw new AddressException("the address list " + e.getMessage() + ": an address list is at most "
                    + CappedFile.size(MAX_FILE_BYTES) + "; merge its addresses into wider blocks", e);
        } catch (CharacterCodingException e) {
            throw new AddressException("the address list " + file + " is not UTF-8 text: save it as UTF-8", e);
        } catch (IOException e) {
            throw new AddressException("cannot read the address list " + file + ": " + IoFailure.reason(e), e);
        }
        List<Cidr> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = hash < 0 ? line : line.substring(0, hash);
            for (String entry : entries(content).toList()) {
                try {
                    blocks.add(Cidr.parse(entry));
                } catch (AddressException e) {
                    throw new AddressException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
                if (blocks.size() > MAX_ENTRIES) {
                    throw new AddressException(file + " holds more than " + MAX_ENTRIES + " addresses and blocks;"
                            + " merge them into wider blocks");
                }
            }
        }
        return new AddressSet(blocks);
    }

    /** Both sets' blocks. */
    public AddressSet plus(AddressSet other) {
        List<Cidr> both = new ArrayList<>(blocks);
        both.addAll(other.blocks);
        return new AddressSet(both);
    }

    /** Whether {@code address} is in one of the blocks; an IPv4-mapped address is judged as its IPv4 address. */
    public boolean contains(InetAddress address) {
        InetAddress plain = Cidr.unmapped(address);
        for (Cidr block : blocks) {
            if (block.contains(plain)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The blocks, in the order given. */
    public List<Cidr> blocks() {
        return blocks;
    }

    @Override
    public String toString() {
        return blocks.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }

    private static Stream<String> entries(String text) {
        return Stream.of(text.split("[,\\s]+")).filter(s -> !s.isEmpty());
    }
}
