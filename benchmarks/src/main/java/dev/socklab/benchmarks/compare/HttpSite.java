package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directory the HTTP comparison serves and works in: {@code www/} with the 64-byte
 * and the 1 MiB file every server serves, and beside it each server's own files (nginx's
 * configuration, logs, PID and temporary files), so that nothing runs privileged or writes outside
 * it. Readable by all, since nginx started as root serves as {@code nobody}. Deleted on close.
 */
final class HttpSite implements AutoCloseable {
    private final Path dir;

    private HttpSite(Path dir) {
        this.dir = dir;
    }

    /** Makes the directory and the two files: printable bytes, as chargen's, so a capture reads. */
    static HttpSite create() throws IOException {
        Path dir = Files.createTempDirectory("socklab-compare-http-");
        HttpSite site = new HttpSite(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(site.www());
            for (HttpCase c : HttpCase.all()) {
                Path file = site.www().resolve(c.file());
                if (!Files.exists(file)) {
                    byte[] bytes = new byte[c.bytes()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) (' ' + i % 95);
                    }
                    Files.write(file, bytes);
                }
            }
            return site;
        } catch (IOException | RuntimeException e) {
            site.close();
            throw e;
        }
    }

    /** The directory every server serves. */
    Path www() {
        return dir.resolve("www");
    }

    /** A directory of {@code server}'s own, made empty for its run. */
    Path workDir(HttpServer server) throws IOException {
        Path work = dir.resolve(server.name().toLowerCase(java.util.Locale.ROOT));
        delete(work);
        Files.createDirectories(work);
        return work;
    }

    /**
     * nginx with its defaults, as a stock nginx.conf would run it on one worker: sendfile off,
     * keep-alive of 75 s and 1000 requests, access log in the combined format to a file; only the
     * paths are the temporary directory's and the listener the port given.
     */
    static String nginxConf(Path work, Path www, int port) {
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {
                }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                    }
                }
                """.formatted(work, port, www);
    }

    @Override
    public void close() throws IOException {
        delete(dir);
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
