package dev.socklab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AddressExceptionTest {

    @Test
    void messageIsKeptAsWritten() {
        AddressException e = new AddressException("port 70000 is out of range: a port is a number from 0 to 65535");

        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 70000 is out of range: a port is a number from 0 to 65535")
                .hasNoCause();
    }

    @Test
    void causeIsKeptForDebugging() {
        UnknownHostException cause = new UnknownHostException("foo.invalid");

        AddressException e = new AddressException("unknown host 'foo.invalid'", cause);

        assertThat(e).hasMessage("unknown host 'foo.invalid'").hasCause(cause);
    }
}
