package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.ResponseHead;

/** A response head gathered a piece at a time, then parsed by socklab's own parser: no sockets. */
class ResponseHeadBufferTest {
    @Test
    void aHeadInPiecesEndsAtItsEmptyLineAndLeavesTheBody() throws Exception {
        ResponseHeadBuffer head = new ResponseHeadBuffer(HeadLimits.forResponses());
        String text = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n" + "X: " + "y".repeat(3000) + "\r\n\r\nbody";
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));

        assertThat(head.consume(bytes.slice(0, 20))).isFalse();
        bytes.position(20);
        assertThat(head.consume(bytes)).isTrue();
        ResponseHead parsed = head.parse();

        assertThat(StandardCharsets.US_ASCII.decode(bytes).toString()).isEqualTo("body");
        assertThat(parsed.status()).isEqualTo(200);
        assertThat(parsed.fields().first("X")).hasValue("y".repeat(3000));
    }

    @Test
    void aHeadLongerThanTheLimitsIsRefused() {
        ResponseHeadBuffer head = new ResponseHeadBuffer(new HeadLimits(64, 64, 10));
        ByteBuffer bytes = ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nX: " + "y".repeat(200) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> head.consume(bytes)).isInstanceOf(HttpException.class)
                .hasMessageContaining("longer than 130 bytes");
    }

    @Test
    void aResetBufferStartsOnTheNextHead() throws Exception {
        ResponseHeadBuffer head = new ResponseHeadBuffer(HeadLimits.forResponses());
        head.consume(ByteBuffer.wrap("HTTP/1.1 100 Continue\n\n".getBytes(StandardCharsets.US_ASCII)));
        head.reset();

        assertThat(head.consume(ByteBuffer.wrap("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isTrue();
        assertThat(head.parse().status()).isEqualTo(204);
    }
}
