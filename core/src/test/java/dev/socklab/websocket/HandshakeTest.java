package dev.socklab.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpVersion;
import dev.socklab.http.RequestHead;

/** The opening handshake, both ends, with RFC 6455's own example key. */
class HandshakeTest {
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    @Test
    void theRfcsKeyGetsTheRfcsAccept() throws HttpException {
        assertThat(Handshake.acceptFor(RFC_KEY)).isEqualTo(RFC_ACCEPT);
        assertThat(Handshake.accept(upgrade(upgradeFields(RFC_KEY, "13")))).isEqualTo(RFC_ACCEPT);
    }

    @Test
    void tokensAreFoundInListsAndWithoutRegardToCase() throws HttpException {
        RequestHead browser = new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, Fields.of(
                "Host", "localhost", "Connection", "keep-alive, Upgrade", "Upgrade", "WebSocket",
                "sec-websocket-version", "13", "sec-websocket-key", RFC_KEY));

        assertThat(Handshake.accept(browser)).isEqualTo(RFC_ACCEPT);
    }

    @Test
    void eachMissingPieceIsRefusedWithItsStatusAndASentence() {
        assertRefused(new RequestHead("POST", "/ws", HttpVersion.HTTP_1_1, upgradeFields(RFC_KEY, "13")), 405);
        assertRefused(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_0, upgradeFields(RFC_KEY, "13")), 400);
        assertRefused(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, Fields.of("Host", "h")), 426);
        assertRefused(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, Fields.of(
                "Upgrade", "websocket", "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", RFC_KEY)), 426);
        assertRefused(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, upgradeFields(RFC_KEY, "8")), 426);
        assertRefused(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, Fields.of(
                "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", RFC_KEY)), 426);
        for (String key : new String[] {"", "short", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZSE=", "!GhlIHNhbXBsZSBub25jZQ=="}) {
            assertRefused(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, upgradeFields(key, "13")), 400);
        }
        assertRefused(upgrade(upgradeFields(RFC_KEY, "13").with("Sec-WebSocket-Key", RFC_KEY)), 400);
    }

    @Test
    void refusalsCarryTheFieldsTheirStatusNeeds() {
        assertThat(Handshake.refusalFields(426).first("Sec-WebSocket-Version")).contains("13");
        assertThat(Handshake.refusalFields(426).first("Upgrade")).contains("websocket");
        assertThat(Handshake.refusalFields(405).first("Allow")).contains("GET");
        assertThat(Handshake.refusalFields(400).size()).isZero();
    }

    @Test
    void aClientsKeyIsSixteenFreshRandomBytes() {
        String key = Handshake.newKey();

        assertThat(Base64.getDecoder().decode(key)).hasSize(16);
        assertThat(key).hasSize(24).isNotEqualTo(Handshake.newKey());
    }

    @Test
    void aClientAcceptsOnlyA101WithTheRightAcceptAndNothingItDidNotAskFor() throws ProtocolException {
        Fields good = Fields.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", RFC_ACCEPT);
        Handshake.checkAnswer(RFC_KEY, 101, good);

        assertThatThrownBy(() -> Handshake.checkAnswer(RFC_KEY, 404, good))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("the server answered 404 Not Found");
        assertThatThrownBy(() -> Handshake.checkAnswer(Handshake.newKey(), 101, good))
                .hasMessageContaining("Sec-WebSocket-Accept does not match");
        assertThatThrownBy(() -> Handshake.checkAnswer(RFC_KEY, 101, Fields.of("Sec-WebSocket-Accept", RFC_ACCEPT)))
                .hasMessageContaining("Upgrade: websocket");
        assertThatThrownBy(() -> Handshake.checkAnswer(RFC_KEY, 101, good.with("Sec-WebSocket-Extensions", "permessage-deflate")))
                .hasMessageContaining("not asked for");
    }

    private static void assertRefused(RequestHead request, int status) {
        assertThatThrownBy(() -> Handshake.accept(request))
                .isInstanceOfSatisfying(HttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.getMessage()).endsWith(".").doesNotContain("\n");
                });
    }

    private static RequestHead upgrade(Fields fields) {
        return new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, fields);
    }

    private static Fields upgradeFields(String key, String version) {
        return Fields.of("Host", "localhost:10080", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Version", version, "Sec-WebSocket-Key", key);
    }
}
