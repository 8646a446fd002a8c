package dev.socklab.services.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.rpc.XmlRpc;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/**
 * XML-RPC over HTTP, {@code POST /RPC2}, as Python's {@code ServerProxy} calls it: the
 * {@code methodCall} in the body, the {@code methodResponse} in 200's body as {@code text/xml}, a
 * fault included, on a connection kept alive for the next call. The response is never compressed,
 * whatever {@code Accept-Encoding} says.
 *
 * <p>A request that is not XML-RPC's answers with an HTTP status, since it never reaches the
 * XML-RPC layer: another method 405 with {@code Allow: POST}; a compressed body 415; a body larger
 * than {@code limits.maxRequestBytes()} 413, refused by its {@code Content-Length} before a byte of
 * it is read (the http service's own body limit does the same first when it is the lower), or, for
 * a chunked one, as soon as the limit is passed; the connection then closes, the rest of the body
 * unread. Python's {@code ServerProxy} reports each as a
 * {@code ProtocolError} with that status, which says what happened where a fault would not be read
 * at all: the client is still sending a body that the server will not take.
 */
public final class XmlRpcRoute implements Route {
    private static final Fields XML = Fields.of("Content-Type", "text/xml");
    private static final Fields TEXT = Fields.of("Content-Type", "text/plain; charset=utf-8");

    private final Supplier<XmlRpc> rpcs;

    /** Answers with {@code rpc}. */
    public XmlRpcRoute(XmlRpc rpc) {
        this(() -> rpc);
    }

    /** Answers with what {@code rpcs} gives, asked once a request: a reload may give another, with new limits. */
    public XmlRpcRoute(Supplier<XmlRpc> rpcs) {
        this.rpcs = rpcs;
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        if (!exchange.request().method().equals("POST")) {
            exchange.respond(405, TEXT.with("Allow", "POST"),
                    "XML-RPC is called with POST\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<String> encoding = exchange.request().fields().first("Content-Encoding");
        if (encoding.isPresent() && !encoding.get().equalsIgnoreCase("identity")) {
            throw new HttpException(415, "socklab reads XML-RPC requests uncompressed, not " + encoding.get());
        }
        XmlRpc rpc = rpcs.get();
        byte[] body = LimitedBody.read(exchange, rpc.limits().maxRequestBytes(), "XML-RPC request");
        exchange.respond(200, XML, rpc.answer(body, exchange.connection().peer(), exchange.connection().log()));
    }

}
