package dev.socklab.services.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.testing.EmbeddedConnection;

/** RFC 862 over an in-memory connection: the protocol alone, no socket. */
@Timeout(10)
class EchoProtocolTest {

    @Test
    void everyByteComesBackInOrderUntilTheClientCloses() throws IOException {
        EmbeddedConnection conn = new EmbeddedConnection().send("ping\r\n").send("\u00e9t\u00e9\n").send("no end")
                .closeInput();

        new EchoService().serve(conn);

        assertThat(conn.writtenText()).isEqualTo("ping\r\n\u00e9t\u00e9\nno end");
    }

    @Test
    void aStreamLargerThanTheBufferComesBackWhole() throws IOException {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        EmbeddedConnection conn = new EmbeddedConnection().send(big).closeInput();

        new EchoService().serve(conn);

        assertThat(conn.written()).isEqualTo(big);
    }

    @Test
    void aClientThatSendsNothingGetsNothing() throws IOException {
        EmbeddedConnection conn = new EmbeddedConnection().closeInput();

        new EchoService().serve(conn);

        assertThat(conn.written()).isEmpty();
    }
}
