package dev.socklab.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import dev.socklab.net.SocketAddresses;

/**
 * The request of an http run, the same on every connection and every time: {@code GET} of one path,
 * with the {@code Host} the server is asked for, and the status every response must have.
 *
 * @param path the path and query, as sent on the request line: from {@code /}, visible ASCII
 * @param authority the {@code Host} field's value, such as {@code 127.0.0.1:10080}
 * @param status the status a response must have to count, such as 200
 */
public record HttpGet(String path, String authority, int status) {
    /** The longest path: far below any server's request-line limit (socklab's and nginx's are 8 KiB). */
    public static final int MAX_PATH = 4096;

    /** Checks the path and the status as the command line gives them. */
    public HttpGet {
        if (path.isEmpty() || path.charAt(0) != '/' || path.length() > MAX_PATH || !visibleAscii(path)) {
            throw new BenchPlanException("PATH must start with / and be at most " + MAX_PATH
                    + " visible ASCII characters (percent-encode the rest), not '" + path + "'");
        }
        if (authority.isEmpty() || !visibleAscii(authority)) {
            throw new BenchPlanException("the Host of an http run must be visible ASCII, not '" + authority + "'");
        }
        if (status < 100 || status > 599) {
            throw new BenchPlanException("--status must be from 100 to 599, not " + status);
        }
    }

    /** GET of {@code path} from {@code target}, named in {@code Host} by its address. */
    public static HttpGet of(String path, InetSocketAddress target, int status) {
        return new HttpGet(path, SocketAddresses.format(target), status);
    }

    /** The request's bytes: a request line, {@code Host} and {@code User-Agent}, no body. */
    byte[] request() {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + authority + "\r\nUser-Agent: socklab-bench\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean visibleAscii(String text) {
        return text.chars().allMatch(c -> c > ' ' && c < 0x7f);
    }
}
