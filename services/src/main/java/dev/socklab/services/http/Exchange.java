package dev.socklab.services.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.http.RequestHead;
import dev.socklab.service.Connection;

/**
 * One request and its response, as a {@link Route} sees it. The service has read the request's
 * head; the route reads the body if it wants one and answers exactly once, with one of the
 * {@code respond}, {@link #stream} or {@link #upgrade} methods. The service adds {@code Date},
 * {@code Server}, the framing ({@code Content-Length} or chunked) and {@code Connection}, sends
 * no body for HEAD, and reads away whatever body the route left unread before the next request.
 */
public interface Exchange {
    /** The request's line and fields. */
    RequestHead request();

    /** The connection the request came on: the client's address, the server's, the log. */
    Connection connection();

    /**
     * The whole body, decoded from chunks if it came chunked; empty when there is none.
     *
     * @throws HttpException 413 when it is longer than the body limit
     */
    byte[] body() throws IOException, HttpException;

    /**
     * The body as a stream, for a body too large to hold (an upload): decoded from chunks, ending
     * where the body ends. Reading past the body limit throws an {@link IOException} whose cause
     * is a 413 {@link HttpException}. Sends {@code 100 Continue} first if the client asked for it.
     */
    InputStream bodyStream() throws IOException;

    /** Answers with {@code body}, all of it at once. */
    void respond(int status, Fields fields, byte[] body) throws IOException;

    /**
     * Answers with {@code count} bytes of {@code file} from {@code position}, sent from the file
     * to the socket without passing through the heap.
     */
    void respond(int status, Fields fields, FileChannel file, long position, long count) throws IOException;

    /**
     * Begins a response whose length is not known yet (a stream, server-sent events): chunked for
     * HTTP/1.1, ended by closing the connection for HTTP/1.0. Each write goes out at once.
     */
    ResponseStream stream(int status, Fields fields) throws IOException;

    /**
     * Begins a response of {@code length} bytes that the route writes piece by piece (a body
     * generated as it goes): the writes must come to exactly {@code length} bytes.
     */
    ResponseStream stream(int status, Fields fields, long length) throws IOException;

    /**
     * Sends {@code 101 Switching Protocols} with {@code fields} and hands over the connection for
     * the new protocol; the connection closes when the route returns.
     */
    Connection upgrade(Fields fields) throws IOException;

    /** Whether the request was HEAD: the response's fields go out, its body does not. */
    default boolean headOnly() {
        return request().method().equals("HEAD");
    }
}
