package dev.socklab.services.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.socklab.http.Fields;

/**
 * A page of the http service that is one HTML file in the services jar, its script and style
 * inline, no build step (the chat's, the arena's): answered to GET and HEAD, never cached without
 * asking. Its Content-Security-Policy lets run only the page's own script and style, named by their
 * hashes, and lets it connect only to its own origin: even if a player's or member's text ever
 * reached the page as markup, no script in it would run.
 */
public final class InlinePage implements Route {
    private final String path;
    private final byte[] page;
    private final Fields fields;

    /**
     * The page {@code resource} beside {@code owner}'s class file, served at {@code path}.
     *
     * @throws IllegalStateException if the resource is missing or has not exactly one script and one style element
     */
    public InlinePage(Class<?> owner, String resource, String path) {
        String html = resource(owner, resource);
        this.path = path;
        this.page = html.getBytes(StandardCharsets.UTF_8);
        this.fields = Fields.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-cache",
                "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", "default-src 'none'; connect-src 'self'; img-src data:; script-src "
                        + hashOf(html, "script", resource) + "; style-src " + hashOf(html, "style", resource));
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        String method = exchange.request().method();
        if (method.equals("GET") || method.equals("HEAD")) {
            exchange.respond(200, fields, page);
        } else {
            exchange.respond(405, Fields.of("Allow", "GET, HEAD", "Content-Type", "text/plain; charset=utf-8"),
                    (path + " answers GET and HEAD, not " + method + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String resource(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the services jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source of the page's one {@code <tag>} element: the SHA-256 of its text, as CSP 3 hashes it. */
    private static String hashOf(String html, String tag, String resource) {
        int open = html.indexOf("<" + tag + ">");
        int close = html.indexOf("</" + tag + ">");
        if (open < 0 || close < open || html.indexOf("<" + tag + ">", open + 1) >= 0) {
            throw new IllegalStateException(resource + " must have exactly one <" + tag + "> element");
        }
        String text = html.substring(open + tag.length() + 2, close);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
