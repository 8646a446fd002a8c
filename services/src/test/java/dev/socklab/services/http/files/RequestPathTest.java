package dev.socklab.services.http.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.http.HttpException;

class RequestPathTest {
    @Test
    void decodesPercentEncodedUtf8Once() throws HttpException {
        RequestPath path = RequestPath.parse("/caf%C3%A9/a%20b.txt");
        assertThat(path.segments()).containsExactly("café", "a b.txt");
        assertThat(path.directory()).isFalse();
    }

    @Test
    void aDoubleEncodedDotDotIsDecodedOnlyOnceIntoAnOrdinaryName() throws HttpException {
        assertThat(RequestPath.parse("/%252e%252e/%252e%252e/etc/passwd").segments())
                .containsExactly("%2e%2e", "%2e%2e", "etc", "passwd");
    }

    @Test
    void dropsEmptySegmentsAndKeepsTheTrailingSlash() throws HttpException {
        RequestPath path = RequestPath.parse("//a///b//");
        assertThat(path.segments()).containsExactly("a", "b");
        assertThat(path.directory()).isTrue();
        assertThat(path.encoded()).isEqualTo("/a/b/");
        assertThat(RequestPath.parse("/").segments()).isEmpty();
        assertThat(RequestPath.parse("/").encoded()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/..", "/../etc/passwd", "/a/../../etc/passwd", "/a/./b", "/.",
        "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd", "/a%2f..%2f..%2fetc", "/a%2Fb",
        "/..%5c..%5cetc", "/..\\..\\etc", "/a\\b", "/%5c",
        "/a%00.txt", "/a%00/../b",
        "/%c0%ae%c0%ae/etc/passwd", "/%c0%af", "/%e0%80%ae", "/%f0%80%80%ae", "/%ed%a0%80", "/%ff", "/%c3",
        "/%", "/%4", "/%zz", "/a b", "/a\tb", "/a%0d%0aSet-Cookie:x", "/a%7f", "/caf\u00C3\u00A9", "/\u0100",
        "relative", "", "*", "http://example.com/"
    })
    void refusesWhatCouldLeaveTheRootOrIsNotAPath(String raw) {
        assertThatThrownBy(() -> RequestPath.parse(raw)).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void encodesEveryByteButTheUnreservedOnesForALink() {
        assertThat(RequestPath.encode("a b:c?d#e/f%g.txt")).isEqualTo("a%20b%3Ac%3Fd%23e%2Ff%25g.txt");
        assertThat(RequestPath.encode("café")).isEqualTo("caf%C3%A9");
        assertThat(RequestPath.encode("A-z_0.9~")).isEqualTo("A-z_0.9~");
    }

    @Test
    void encodedAndShownFormsRoundTrip() throws HttpException {
        RequestPath path = new RequestPath(List.of("a b", "<c>"), false);
        assertThat(path.shown()).isEqualTo("/a b/<c>");
        assertThat(RequestPath.parse(path.encoded())).isEqualTo(path);
        assertThat(path.asDirectory().encoded()).isEqualTo("/a%20b/%3Cc%3E/");
    }
}
