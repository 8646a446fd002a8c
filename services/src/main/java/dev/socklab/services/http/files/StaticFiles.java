package dev.socklab.services.http.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/**
 * The files of a directory over HTTP ({@code --http-root}), by jwebserver's rules: GET and HEAD
 * (and PUT with {@code --http-upload}: {@link Upload}), 405 with {@code Allow} for the other
 * methods of RFC 9110 (and PATCH, as jwebserver), 501 for a method it does not know. A path is
 * decoded once and refused if it could leave the root ({@link RequestPath}); hidden names and
 * links are neither listed nor served ({@link Root}). A directory asked for without its slash is
 * redirected to it (301); with it, its {@code index.html} is served, or else a listing
 * ({@link Listing}). A file gets ranges and validators ({@link FileAnswer}).
 */
public final class StaticFiles implements Route {
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final Root root;
    private final boolean upload;
    private final String allow;

    /**
     * Serves the files under {@code root}; {@code upload} lets PUT store files there too.
     *
     * @throws dev.socklab.runtime.SettingException if {@code root} is not a directory this user may read
     */
    public StaticFiles(Path root, boolean upload) {
        this.root = Root.of(root);
        this.upload = upload;
        this.allow = upload ? "GET, HEAD, PUT" : "GET, HEAD";
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        String method = exchange.request().method();
        if (method.equals("GET") || method.equals("HEAD")) {
            get(exchange, RequestPath.parse(exchange.request().path()));
        } else if (method.equals("PUT") && upload) {
            Upload.put(exchange, root, RequestPath.parse(exchange.request().path()));
        } else if (KNOWN_METHODS.contains(method)) {
            PlainText.respond(exchange, 405, Fields.of("Allow", allow),
                    method + " is not allowed here: files are served with " + allow);
        } else {
            throw new HttpException(501, "socklab does not know the method " + method + ": files are served with "
                    + allow);
        }
    }

    private void get(Exchange exchange, RequestPath path) throws IOException, HttpException {
        Root.Entry found = root.find(path.segments()).orElseThrow(StaticFiles::notFound);
        if (found.isFile()) {
            if (path.directory()) {
                throw notFound();
            }
            FileAnswer.send(exchange, found);
        } else if (!path.directory()) {
            String query = exchange.request().query();
            String location = path.asDirectory().encoded() + (query.isEmpty() ? "" : "?" + query);
            PlainText.respond(exchange, 301, Fields.of("Location", location), "the directory is at " + location);
        } else {
            Optional<Root.Entry> index = Root.child(found.path(), "index.html").filter(Root.Entry::isFile);
            if (index.isPresent()) {
                FileAnswer.send(exchange, index.get());
            } else {
                exchange.respond(200, Fields.of("Content-Type", "text/html; charset=utf-8",
                        "X-Content-Type-Options", "nosniff"), Listing.page(path, found.path()));
            }
        }
    }

    private static HttpException notFound() {
        return new HttpException(404, "no such file");
    }
}
