package dev.socklab.services.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StoragePath;
import dev.socklab.services.storage.UploadLimits;

/** Netascii both ways (RFC 1350): LF as CR LF, CR as CR NUL, and pairs split by a block's end. */
class NetasciiTest {
    @TempDir
    Path dir;

    @Test
    void lineEndsAndCarriageReturnsGoOutAsNetascii() throws Exception {
        assertThat(encode("a\nb\rc\r\n", 512)).isEqualTo("a\r\nb\r\0c\r\0\r\n");
    }

    @Test
    void aPairSplitByABlocksEndIsFinishedInTheNextBlock() throws Exception {
        // Blocks of 2: "a\r" "\nb" "\r\0" then an empty last block.
        assertThat(encode("a\nb\r", 2)).isEqualTo("a\r|\nb|\r\0|");
    }

    @Test
    void netasciiComesInAsTheFilesOwnLineEnds() throws Exception {
        assertThat(decode("a\r\nb\r\0c\rd\r", "")).isEqualTo("a\nb\rc\rd\r");
    }

    @Test
    void aCarriageReturnAtABlocksEndWaitsForTheNextBlock() throws Exception {
        assertThat(decode("a\r", "\nb\r", "\0")).isEqualTo("a\nb\r");
    }

    /** The blocks the encoder makes of {@code text}, joined with '|', up to the first short one. */
    private String encode(String text, int blockSize) throws IOException {
        Path file = Files.writeString(dir.resolve("in.txt"), text, StandardCharsets.ISO_8859_1);
        StringBuilder blocks = new StringBuilder();
        try (FileChannel channel = FileChannel.open(file)) {
            NetasciiEncoder encoder = new NetasciiEncoder(channel);
            while (true) {
                ByteBuffer block = ByteBuffer.allocate(blockSize);
                encoder.fill(block);
                blocks.append(new String(block.array(), 0, block.position(), StandardCharsets.ISO_8859_1));
                if (block.hasRemaining()) {
                    return blocks.toString();
                }
                blocks.append('|');
            }
        }
    }

    /** What the decoder stores of {@code blocks}, through a real upload. */
    private String decode(String... blocks) throws IOException {
        FileRoot root = FileRoot.of(dir, "--tftp-root", UploadLimits.DEFAULTS);
        try (FileRoot.Upload upload = root.startUpload(root.resolve(StoragePath.ROOT, "out.txt"), true, true, 0,
                new InetSocketAddress("127.0.0.1", 1))) {
            NetasciiDecoder decoder = new NetasciiDecoder(upload);
            for (String block : blocks) {
                decoder.write(ByteBuffer.wrap(block.getBytes(StandardCharsets.ISO_8859_1)));
            }
            decoder.finish();
            upload.commit();
        }
        return Files.readString(dir.resolve("out.txt"), StandardCharsets.ISO_8859_1);
    }
}
