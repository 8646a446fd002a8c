package dev.socklab.services.chat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.socklab.framing.ByteSource;
import dev.socklab.http.Field;
import dev.socklab.http.Fields;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpInput;
import dev.socklab.http.RequestHead;
import dev.socklab.http.Status;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;
import dev.socklab.services.http.Route;

/**
 * The chat's routes behind the least of an HTTP server, for the chat's own tests: requests without
 * bodies, each answered with a {@code Content-Length}, and upgrades. The http service is what serves
 * them for real.
 */
final class RouteFront implements StreamService {
    private final Map<String, Route> routes;

    RouteFront(Map<String, Route> routes) {
        this.routes = routes;
    }

    /** {@code /chat} and {@code /chat/ws} for {@code chat}. */
    static RouteFront of(ChatService chat) {
        return new RouteFront(Map.of("/chat", new ChatPageRoute(), "/chat/ws", new ChatSocketRoute(chat)));
    }

    @Override
    public void serve(Connection conn) throws IOException {
        HttpInput input = new HttpInput(new ByteSource() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return conn.read(dst);
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) throws IOException {
                return conn.read(dst, wait);
            }
        }, new HeadLimits(8192, 16384, 100));
        while (true) {
            Optional<RequestHead> head;
            try {
                head = input.readRequestHead();
            } catch (HttpException e) {
                return;
            }
            if (head.isEmpty()) {
                return;
            }
            FrontExchange exchange = new FrontExchange(head.get(), conn, input);
            Route route = routes.get(head.get().path());
            try {
                if (route == null) {
                    exchange.respond(404, Fields.none(), new byte[0]);
                } else {
                    route.handle(exchange);
                }
            } catch (HttpException e) {
                exchange.respond(e.status(), Fields.none(), e.getMessage().getBytes(StandardCharsets.UTF_8));
            }
            if (exchange.upgraded || !head.get().keepAlive()) {
                return;
            }
        }
    }

    @Override
    public Optional<String> refusalLine(String reason) {
        return Optional.empty();
    }

    @Override
    public Optional<String> stopping() {
        routes.values().forEach(Route::stopping);
        return Optional.empty();
    }

    private static final class FrontExchange implements Exchange {
        private final RequestHead request;
        private final Connection conn;
        private final HttpInput input;
        boolean upgraded;

        FrontExchange(RequestHead request, Connection conn, HttpInput input) {
            this.request = request;
            this.conn = conn;
            this.input = input;
        }

        @Override
        public RequestHead request() {
            return request;
        }

        @Override
        public Connection connection() {
            return conn;
        }

        @Override
        public void respond(int status, Fields fields, byte[] body) throws IOException {
            String head = head(status, fields.with("Content-Length", String.valueOf(body.length)));
            conn.write(head.getBytes(StandardCharsets.US_ASCII));
            if (!headOnly()) {
                conn.write(body);
            }
        }

        @Override
        public Connection upgrade(Fields fields) throws IOException {
            if (input.hasBuffered()) {
                throw new IllegalStateException("bytes came before the upgrade was answered, which this front cannot hand over");
            }
            upgraded = true;
            conn.write(head(101, fields).getBytes(StandardCharsets.US_ASCII));
            return conn;
        }

        private static String head(int status, Fields fields) {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + Status.reason(status) + "\r\n");
            for (Field f : fields.all()) {
                head.append(f.name()).append(": ").append(f.value()).append("\r\n");
            }
            return head.append("\r\n").toString();
        }

        @Override
        public byte[] body() {
            throw new UnsupportedOperationException("the chat's routes read no body");
        }

        @Override
        public InputStream bodyStream() {
            throw new UnsupportedOperationException("the chat's routes read no body");
        }

        @Override
        public void respond(int status, Fields fields, FileChannel file, long position, long count) {
            throw new UnsupportedOperationException("the chat's routes send no file");
        }

        @Override
        public ResponseStream stream(int status, Fields fields) {
            throw new UnsupportedOperationException("the chat's routes stream nothing");
        }
    }
}
