package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.net.AddressException;

class HttpUrlTest {
    @Test
    void aUrlGivesTheHostThePortTheHostFieldAndTheTarget() {
        assertThat(HttpUrl.parse("http://localhost:10080/anything?x=1"))
                .isEqualTo(new HttpUrl("localhost", 10080, "localhost:10080", "/anything?x=1", false));
    }

    @Test
    void thePortIs80UnlessGivenAndTheHostFieldLeavesItOut() {
        assertThat(HttpUrl.parse("http://example.test/")).isEqualTo(new HttpUrl("example.test", 80, "example.test", "/", false));
        assertThat(HttpUrl.parse("http://example.test:80/a").authority()).isEqualTo("example.test");
    }

    @Test
    void withoutASchemeTheUrlIsTakenAsHttpAsCurlDoes() {
        assertThat(HttpUrl.parse("localhost:10080/x")).isEqualTo(new HttpUrl("localhost", 10080, "localhost:10080", "/x", false));
    }

    @Test
    void anIpv6LiteralIsWrittenInBracketsAndKeepsThemInTheHostField() {
        HttpUrl url = HttpUrl.parse("http://[::1]:10080/ip");
        assertThat(url).isEqualTo(new HttpUrl("::1", 10080, "[::1]:10080", "/ip", false));
        assertThat(url.toString()).isEqualTo("http://[::1]:10080/ip");
        assertThat(HttpUrl.parse("[::1]").port()).isEqualTo(80);
    }

    @Test
    void noPathIsTheRootAndAQueryAloneGetsOne() {
        assertThat(HttpUrl.parse("http://h").target()).isEqualTo("/");
        assertThat(HttpUrl.parse("http://h?q=1").target()).isEqualTo("/?q=1");
    }

    @Test
    void theFragmentStaysWithTheClientAndWhatCannotStandInARequestLineIsPercentEncoded() {
        assertThat(HttpUrl.parse("http://h/a b/é#top").target()).isEqualTo("/a%20b/%C3%A9");
        assertThat(HttpUrl.parse("http://h/a\r\nX: y").target()).isEqualTo("/a%0D%0AX:%20y");
    }

    @Test
    void anHttpsUrlSpeaksTlsOnPort443UnlessGivenAndTheHostFieldLeavesThatOut() {
        assertThat(HttpUrl.parse("https://localhost/x")).isEqualTo(new HttpUrl("localhost", 443, "localhost", "/x", true));
        assertThat(HttpUrl.parse("HTTPS://localhost:10443/").authority()).isEqualTo("localhost:10443");
        assertThat(HttpUrl.parse("https://[::1]:443/ip").toString()).isEqualTo("https://[::1]/ip");
    }

    @Test
    void tlsAskedForMakesAnyUrlHttps() {
        assertThat(HttpUrl.parse("localhost/x", true)).isEqualTo(new HttpUrl("localhost", 443, "localhost", "/x", true));
        assertThat(HttpUrl.parse("http://localhost:10443/x", true).toString()).isEqualTo("https://localhost:10443/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h/", "http://user:pw@h/", "http:///x", "http://h:port/", "http://h:70000/",
            "http://h:0/", "http://::1/", "http://[::1/", "http://bad host/"})
    void aUrlThatCannotBeUsedIsRefusedInOneSentence(String url) {
        assertThatThrownBy(() -> HttpUrl.parse(url)).isInstanceOf(AddressException.class)
                .hasMessageNotContaining("\n");
    }
}
