package dev.socklab.services.chargen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** A reload of the amplification factor: the next datagram's reply is held to the new one. */
@Tag("no-engine")
@Timeout(20)
class ChargenReloadTest {
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theNextDatagramIsHeldToTheNewFactor() throws IOException {
        ChargenService chargen = new ChargenService(1);
        Endpoint at = servers.datagram("chargen", chargen, StreamTransport.udp(false));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout(5000);
            assertThat(exchange(client, at.address(), 10)).isEqualTo(10);

            ServiceReload reload = chargen.reload(new FreshSettings() {
                @Override
                public int udpAmplification() {
                    return 3;
                }
            });
            assertThat(reload.changes()).containsExactly("chargen: --udp-amplification: 1 -> 3");
            reload.apply().run();

            assertThat(exchange(client, at.address(), 10)).isEqualTo(30);
        }
    }

    /** Sends {@code size} bytes; the reply's length. */
    private static int exchange(DatagramChannel client, SocketAddress server, int size) throws IOException {
        client.send(ByteBuffer.allocate(size), server);
        byte[] reply = new byte[2048];
        DatagramPacket packet = new DatagramPacket(reply, reply.length);
        client.socket().receive(packet);
        return packet.getLength();
    }
}
