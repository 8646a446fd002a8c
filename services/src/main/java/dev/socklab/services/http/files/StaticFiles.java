package dev.socklab.services.http.files;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;
import dev.socklab.services.storage.DirectoryListing;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;
import dev.socklab.services.storage.UploadLimits;

/**
 * The files of a directory over HTTP ({@code --http-root}), by jwebserver's rules: GET and HEAD
 * (and PUT with {@code --http-upload}: {@link Upload}), 405 with {@code Allow} for the other
 * methods of RFC 9110 (and PATCH, as jwebserver), 501 for a method it does not know. A path is
 * decoded once and refused if it could leave the root ({@link RequestPath}); hidden names and
 * links are neither listed nor served (the storage rules tftp and ftp follow too, {@link FileRoot}). A directory asked for without its slash is
 * redirected to it (301); with it, its {@code index.html} is served, or else a listing
 * ({@link Listing}). A file gets ranges and validators ({@link FileAnswer}).
 */
public final class StaticFiles implements Route {
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /** No quota of the storage's: {@code --http-max-body} bounds each upload, and uploads are for a trusted network. */
    private static final UploadLimits NO_QUOTA = new UploadLimits(Long.MAX_VALUE, Long.MAX_VALUE);

    private final FileRoot root;
    private final boolean upload;
    private final String allow;

    /**
     * Serves the files under {@code root}; {@code upload} lets PUT store files there too.
     *
     * @throws dev.socklab.runtime.SettingException if {@code root} is not a directory this user may read
     */
    public StaticFiles(Path root, boolean upload) {
        this.root = FileRoot.of(root, "--http-root", NO_QUOTA);
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
        StoragePath found = new StoragePath(path.segments());
        BasicFileAttributes attributes = find(found).orElseThrow(StaticFiles::notFound);
        if (attributes.isRegularFile()) {
            if (path.directory()) {
                throw notFound();
            }
            FileAnswer.send(exchange, root, found, attributes);
        } else if (!path.directory()) {
            String query = exchange.request().query();
            String location = path.asDirectory().encoded() + (query.isEmpty() ? "" : "?" + query);
            PlainText.respond(exchange, 301, Fields.of("Location", location), "the directory is at " + location);
        } else {
            List<String> names = new ArrayList<>(found.names());
            names.add("index.html");
            StoragePath index = new StoragePath(names);
            Optional<BasicFileAttributes> indexAttributes = find(index).filter(BasicFileAttributes::isRegularFile);
            if (indexAttributes.isPresent()) {
                FileAnswer.send(exchange, root, index, indexAttributes.get());
            } else {
                exchange.respond(200, Fields.of("Content-Type", "text/html; charset=utf-8",
                        "X-Content-Type-Options", "nosniff"), listing(path, found));
            }
        }
    }

    /** What {@code path} leads to: nothing if it is missing, hidden, a link or not reachable, as jwebserver's 404. */
    private Optional<BasicFileAttributes> find(StoragePath path) {
        try {
            return Optional.of(root.attributes(path));
        } catch (StorageException e) {
            return Optional.empty();
        }
    }

    private byte[] listing(RequestPath path, StoragePath dir) throws IOException, HttpException {
        try (DirectoryListing entries = root.list(dir)) {
            return Listing.page(path, entries);
        } catch (StorageException e) {
            throw notFound(); // gone, or made unreadable, since it was found
        }
    }

    private static HttpException notFound() {
        return new HttpException(404, "no such file");
    }
}
