package dev.socklab.services.http.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The HTML page that lists a directory without an {@code index.html}: its visible entries (no
 * hidden name, no link, nothing but files and directories), sorted by name, each directory with a
 * trailing slash, and a link to the parent below the root. Every name is escaped for HTML in the
 * text and percent-encoded in the link, so that no file name can put markup in the page.
 */
final class Listing {
    private Listing() {
    }

    /** The page for {@code dir}, asked for as {@code path}. */
    static byte[] page(RequestPath path, Path dir) throws IOException {
        List<Root.Entry> visible = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Root.child(dir, entry.getFileName().toString()).ifPresent(visible::add);
            }
        }
        visible.sort(Comparator.comparing(Listing::name));
        String title = "Index of " + escape(path.shown());
        StringBuilder html = new StringBuilder(256 + 64 * visible.size())
                // No icon to fetch: a browser would ask for /favicon.ico, and log the 404 of a root that has none.
                .append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n<title>")
                .append(title)
                .append("</title>\n</head>\n<body>\n<h1>").append(title).append("</h1>\n<ul>\n");
        if (!path.segments().isEmpty()) {
            html.append("<li><a href=\"../\">../</a></li>\n");
        }
        for (Root.Entry entry : visible) {
            String slash = entry.isDirectory() ? "/" : "";
            html.append("<li><a href=\"").append(RequestPath.encode(name(entry))).append(slash).append("\">")
                    .append(escape(name(entry) + slash)).append("</a></li>\n");
        }
        return html.append("</ul>\n</body>\n</html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String name(Root.Entry entry) {
        return entry.path().getFileName().toString();
    }

    /** {@code text} with the five characters that HTML gives a meaning to written as references. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
