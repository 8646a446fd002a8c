package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.http.Field;
import dev.socklab.http.Fields;

class HttpRequestTest {
    private static final HttpUrl URL = HttpUrl.parse("http://localhost:10080/anything");

    @Test
    void aGetCarriesHostUserAgentAcceptAndConnectionClose() {
        HttpRequest get = new HttpRequest("GET", URL, new HttpRequest.NoBody(), Fields.none(), "socklab/1");

        assertThat(new String(get.head(), StandardCharsets.UTF_8)).isEqualTo("""
                GET /anything HTTP/1.1\r
                Host: localhost:10080\r
                User-Agent: socklab/1\r
                Accept: */*\r
                Connection: close\r
                \r
                """);
        assertThat(get.expectsContinue()).isFalse();
    }

    @Test
    void dataIsSentAsAFormWithItsLength() {
        HttpRequest post = new HttpRequest("POST", URL, new HttpRequest.Text("é=1"), Fields.none(), "socklab/1");

        assertThat(post.headFields().first("Content-Type")).contains("application/x-www-form-urlencoded");
        assertThat(post.headFields().first("Content-Length")).contains("4");
    }

    @Test
    void anUploadAsksForContinueAndGivesTheFilesLength() {
        HttpRequest put = new HttpRequest("PUT", URL, new HttpRequest.Upload(Path.of("f"), 12), Fields.none(), "s/1");

        assertThat(put.headFields().first("Expect")).contains("100-continue");
        assertThat(put.headFields().first("Content-Length")).contains("12");
        assertThat(put.headFields().has("Content-Type")).isFalse();
        assertThat(put.expectsContinue()).isTrue();
    }

    @Test
    void aUserFieldReplacesSocklabsOfTheSameNameAndAnEmptyOneRemovesIt() {
        Fields user = Fields.of("host", "example.test", "Accept", "", "X-Lab", "1", "Expect", "");
        HttpRequest put = new HttpRequest("PUT", URL, new HttpRequest.Upload(Path.of("f"), 1), user, "s/1");

        assertThat(put.headFields().all()).containsExactly(new Field("host", "example.test"),
                new Field("User-Agent", "s/1"), new Field("Content-Length", "1"), new Field("Connection", "close"),
                new Field("X-Lab", "1"));
        assertThat(put.expectsContinue()).as("Expect removed: the body goes at once").isFalse();
    }

    @Test
    void aFieldIsReadAsNameColonValue() {
        assertThat(HttpRequest.field("X-Lab:  a b ")).isEqualTo(new Field("X-Lab", "a b"));
        assertThat(HttpRequest.field("Accept:")).isEqualTo(new Field("Accept", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no colon", "Bad Name: x", ": x", "X: a\r\nInjected: 1", "X: a\nb", "X: \u0000"})
    void aBadFieldNameOrAControlCharacterInAValueIsRefused(String line) {
        assertThatThrownBy(() -> HttpRequest.field(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFieldsThatFrameTheBodyAreSocklabsAlone() {
        assertThatThrownBy(() -> new HttpRequest("GET", URL, new HttpRequest.NoBody(),
                Fields.of("Transfer-Encoding", "chunked"), "s/1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Transfer-Encoding");
        assertThatThrownBy(() -> new HttpRequest("GET", URL, new HttpRequest.NoBody(),
                Fields.of("content-length", "5"), "s/1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMethodMustBeAToken() {
        assertThatThrownBy(() -> new HttpRequest("GET /", URL, new HttpRequest.NoBody(), Fields.none(), "s/1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method");
    }
}
