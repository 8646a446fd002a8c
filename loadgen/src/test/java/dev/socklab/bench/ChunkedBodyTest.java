package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.http.HttpException;

/** Where a chunked body ends, whatever pieces it comes in: no sockets. */
class ChunkedBodyTest {
    private static final String BODY = "4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\n";

    @ParameterizedTest(name = "{0} bytes a piece")
    @ValueSource(ints = {1, 2, 7, 1000})
    void theBodyEndsAfterItsTrailerInPiecesOfAnySize(int piece) throws Exception {
        ChunkedBody body = new ChunkedBody(1024);
        byte[] bytes = (BODY + "NEXT").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer rest = null;
        for (int at = 0; at < bytes.length && rest == null; at += piece) {
            ByteBuffer chunk = ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at));
            if (body.consume(chunk)) {
                rest = chunk;
            }
        }

        assertThat(rest).as("the body ended").isNotNull();
        assertThat(body.data()).isEqualTo("Wikipedia in\r\n\r\nchunks.".length());
        int left = rest.remaining();
        assertThat(StandardCharsets.US_ASCII.decode(rest).toString()).isEqualTo("NEXT".substring(0, left));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0\n\n", "1\nx\n0\n\n"})
    void bareLineFeedsEndLinesToo(String text) throws Exception {
        assertThat(new ChunkedBody(1024).consume(ascii(text))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\r\n", "\r\n", "1\r\nxy\r\n", "1000000000000000\r\n"})
    void aBodyNotFramedAsRfc9112SaysIsRefused(String text) {
        assertThatThrownBy(() -> new ChunkedBody(1024).consume(ascii(text))).isInstanceOf(HttpException.class)
                .hasMessageStartingWith("the chunked body has");
    }

    @ParameterizedTest
    @ValueSource(ints = {16})
    void aTrailerPastItsLimitIsRefused(int limit) {
        assertThatThrownBy(() -> new ChunkedBody(limit).consume(ascii("0\r\nX-Long: 0123456789\r\n\r\n")))
                .isInstanceOf(HttpException.class).hasMessageContaining("trailer of more than 16 bytes");
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
