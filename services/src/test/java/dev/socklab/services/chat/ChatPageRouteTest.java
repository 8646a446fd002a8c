package dev.socklab.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpVersion;
import dev.socklab.http.RequestHead;
import dev.socklab.service.Connection;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;

/** The chat's page as the route serves it; the browser tests (ChatInBrowserTest) show it at work. */
class ChatPageRouteTest {
    @Test
    void thePageIsSelfContainedAndShowsMembersTextAsTextOnly() throws Exception {
        Answer answer = get("GET");

        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.fields.first("Content-Type")).contains("text/html; charset=utf-8");
        String page = new String(answer.body, StandardCharsets.UTF_8);
        // Nothing fetched from anywhere, not even a favicon: the page is all there is.
        assertThat(Pattern.compile("(src|href)\\s*=\\s*\"(?!data:)").matcher(page).find()).isFalse();
        assertThat(page).contains("<link rel=\"icon\" href=\"data:,\">", "new WebSocket(", "'/chat/ws'", ".textContent = ")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write");
    }

    @Test
    void onlyThePagesOwnScriptAndStyleMayRunAndItConnectsOnlyToItsOwnOrigin() throws Exception {
        String policy = get("GET").fields.first("Content-Security-Policy").orElseThrow();

        assertThat(policy).startsWith("default-src 'none'; connect-src 'self'; img-src data:; ")
                .matches(".*script-src 'sha256-[A-Za-z0-9+/]{43}='; style-src 'sha256-[A-Za-z0-9+/]{43}='")
                .doesNotContain("unsafe");
    }

    @Test
    void headGetsThePagesFieldsAndOtherMethodsAreRefusedWithTheAllowedOnes() throws Exception {
        assertThat(get("HEAD").status).isEqualTo(200);

        Answer post = get("POST");
        assertThat(post.status).isEqualTo(405);
        assertThat(post.fields.first("Allow")).contains("GET, HEAD");
    }

    @Test
    void thePageInTheJarIsTheOneServed() throws Exception {
        try (InputStream in = ChatPageRoute.class.getResourceAsStream("chat.html")) {
            assertThat(get("GET").body).isEqualTo(in.readAllBytes());
        }
    }

    private static Answer get(String method) throws Exception {
        Answer answer = new Answer(new RequestHead(method, "/chat", HttpVersion.HTTP_1_1, Fields.of("Host", "127.0.0.1")));
        new ChatPageRoute().handle(answer);
        return answer;
    }

    /** An exchange that keeps the route's one answer: the route's contract alone, with no connection under it. */
    private static final class Answer implements Exchange {
        private final RequestHead request;
        int status;
        Fields fields;
        byte[] body;

        Answer(RequestHead request) {
            this.request = request;
        }

        @Override
        public RequestHead request() {
            return request;
        }

        @Override
        public void respond(int status, Fields fields, byte[] body) {
            this.status = status;
            this.fields = fields;
            this.body = body;
        }

        @Override
        public Connection connection() {
            throw new UnsupportedOperationException("the page needs no connection");
        }

        @Override
        public byte[] body() {
            throw new UnsupportedOperationException("the page reads no body");
        }

        @Override
        public InputStream bodyStream() {
            throw new UnsupportedOperationException("the page reads no body");
        }

        @Override
        public void respond(int status, Fields fields, FileChannel file, long position, long count) {
            throw new UnsupportedOperationException("the page is no file");
        }

        @Override
        public ResponseStream stream(int status, Fields fields) {
            throw new UnsupportedOperationException("the page is not streamed");
        }

        @Override
        public Connection upgrade(Fields fields) {
            throw new UnsupportedOperationException("the page upgrades nothing");
        }
    }
}
