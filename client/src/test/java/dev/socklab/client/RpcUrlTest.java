package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.socklab.net.AddressException;
import dev.socklab.net.Host;

/** How {@code socklab rpc} reads where to call, without a socket. */
class RpcUrlTest {
    @Test
    void aTcpUrlNamesHostAndPortOrTakesTheDefaultPort() {
        assertThat(RpcUrl.parse("tcp://localhost:4000", 10111, false)).isEqualTo(tcp("localhost", 4000));
        assertThat(RpcUrl.parse("tcp://127.0.0.1", 10111, false)).isEqualTo(tcp("127.0.0.1", 10111));
        assertThat(RpcUrl.parse("tcp://[::1]:4000/", 10111, false)).isEqualTo(tcp("::1", 4000));
    }

    @Test
    void aUnixUrlNamesTheSocketFile() {
        assertThat(RpcUrl.parse("unix:/run/rpc.sock", 10111, false)).isEqualTo(new RpcUrl.Unix("/run/rpc.sock"));
        assertThat(RpcUrl.parse("unix:///run/rpc.sock", 10111, false)).isEqualTo(new RpcUrl.Unix("/run/rpc.sock"));
    }

    @Test
    void anHttpUrlsPathChoosesTheProtocol() {
        RpcUrl.Http json = (RpcUrl.Http) RpcUrl.parse("http://localhost:10080/jsonrpc", 10111, false);
        RpcUrl.Http xml = (RpcUrl.Http) RpcUrl.parse("http://localhost:10080/RPC2", 10111, false);

        assertThat(json.protocol()).isEqualTo(RpcProtocol.JSON_RPC);
        assertThat(xml.protocol()).isEqualTo(RpcProtocol.XML_RPC);
        assertThat(xml.urlFor(RpcProtocol.JSON_RPC).target()).as("a path given is kept").isEqualTo("/RPC2");
    }

    @Test
    void anHttpUrlWithoutAPathCallsAtTheProtocolsOwn() {
        RpcUrl.Http bare = (RpcUrl.Http) RpcUrl.parse("https://localhost:10443/", 10111, false);

        assertThat(bare.protocol()).isEqualTo(RpcProtocol.JSON_RPC);
        assertThat(bare.urlFor(RpcProtocol.XML_RPC).toString()).isEqualTo("https://localhost:10443/RPC2");
        assertThat(bare.urlFor(RpcProtocol.JSON_RPC).toString()).isEqualTo("https://localhost:10443/jsonrpc");
    }

    @Test
    void aWordIsAUrlOnlyWithAScheme() {
        assertThat(RpcUrl.isUrl("tcp://localhost")).isTrue();
        assertThat(RpcUrl.isUrl("unix:/x.sock")).isTrue();
        assertThat(RpcUrl.isUrl("localhost")).isFalse();
        assertThat(RpcUrl.isUrl("arp.lookup")).isFalse();
    }

    @Test
    void anotherSchemeOrAPathAfterTcpIsRefused() {
        assertThatThrownBy(() -> RpcUrl.parse("ftp://localhost/", 10111, false)).isInstanceOf(AddressException.class)
                .hasMessageContaining("not ftp://");
        assertThatThrownBy(() -> RpcUrl.parse("tcp://localhost:10111/rpc", 10111, false)).isInstanceOf(AddressException.class)
                .hasMessageContaining("a tcp:// URL has no path");
        assertThatThrownBy(() -> RpcUrl.parse("tcp://::1:10111", 10111, false)).isInstanceOf(AddressException.class)
                .hasMessageContaining("in brackets");
    }

    private static RpcUrl.Tcp tcp(String host, int port) {
        return new RpcUrl.Tcp(Host.parse(host), port);
    }
}
