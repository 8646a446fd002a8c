package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.socklab.net.AddressException;

/** The URLs socklab ws takes, read without any lookup. */
class WebSocketUrlTest {
    @Test
    void theHostPortAndTargetComeFromTheUrlWithPort80AndSlashByDefault() {
        WebSocketUrl full = WebSocketUrl.parse("ws://127.0.0.1:10080/ws?room=lobby");
        WebSocketUrl bare = WebSocketUrl.parse("WS://example.org");

        assertThat(full.port()).isEqualTo(10080);
        assertThat(full.target()).isEqualTo("/ws?room=lobby");
        assertThat(full.hostField()).isEqualTo("127.0.0.1:10080");
        assertThat(bare.port()).isEqualTo(80);
        assertThat(bare.target()).isEqualTo("/");
        assertThat(bare.hostField()).isEqualTo("example.org");
    }

    @Test
    void anIpv6AddressKeepsItsBracketsInTheHostField() {
        WebSocketUrl v6 = WebSocketUrl.parse("ws://[::1]:8080/chat/ws");

        assertThat(v6.host().toString()).isEqualTo("::1");
        assertThat(v6.hostField()).isEqualTo("[::1]:8080");
        assertThat(v6.target()).isEqualTo("/chat/ws");
    }

    @Test
    void wssSpeaksTlsOnPort443UnlessGivenAsDoesWsWithTlsAskedFor() {
        WebSocketUrl wss = WebSocketUrl.parse("wss://localhost/ws");
        WebSocketUrl asked = WebSocketUrl.parse("ws://localhost:10443/ws", true);

        assertThat(wss.tls()).isTrue();
        assertThat(wss.port()).isEqualTo(443);
        assertThat(wss.hostField()).isEqualTo("localhost");
        assertThat(asked.tls()).isTrue();
        assertThat(asked.hostField()).isEqualTo("localhost:10443");
        assertThat(WebSocketUrl.parse("ws://localhost/ws").tls()).isFalse();
    }

    @Test
    void otherSchemesFragmentsAndUserInfoAreRefusedInOneSentence() {
        assertThatThrownBy(() -> WebSocketUrl.parse("http://localhost/ws"))
                .isInstanceOf(AddressException.class).hasMessageContaining("is not a ws:// or wss:// URL");
        assertThatThrownBy(() -> WebSocketUrl.parse("localhost:10080/ws")).hasMessageContaining("is not a ws://");
        assertThatThrownBy(() -> WebSocketUrl.parse("ws://localhost/ws#top")).hasMessageContaining("no #fragment");
        assertThatThrownBy(() -> WebSocketUrl.parse("ws://me@localhost/ws")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> WebSocketUrl.parse("ws://local host/")).hasMessageContaining("is not a URL");
    }
}
