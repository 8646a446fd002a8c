package dev.socklab.services.http.files;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.socklab.services.storage.FileRoot;

/**
 * The HTML page that lists a directory without an {@code index.html}: its visible entries (no
 * hidden name, no link, nothing but files and directories), sorted by name, each directory with a
 * trailing slash, and a link to the parent below the root. Every name is escaped for HTML in the
 * text and percent-encoded in the link, so that no file name can put markup in the page.
 */
final class Listing {
    private Listing() {
    }

    /** The page for a directory asked for as {@code path}, whose visible entries, sorted, are {@code visible}. */
    static byte[] page(RequestPath path, List<FileRoot.Entry> visible) {
        String title = "Index of " + escape(path.shown());
        StringBuilder html = new StringBuilder(256 + 64 * visible.size())
                // No icon to fetch: a browser would ask for /favicon.ico, and log the 404 of a root that has none.
                .append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n<title>")
                .append(title)
                .append("</title>\n</head>\n<body>\n<h1>").append(title).append("</h1>\n<ul>\n");
        if (!path.segments().isEmpty()) {
            html.append("<li><a href=\"../\">../</a></li>\n");
        }
        for (FileRoot.Entry entry : visible) {
            String slash = entry.attributes().isDirectory() ? "/" : "";
            html.append("<li><a href=\"").append(RequestPath.encode(entry.name())).append(slash).append("\">")
                    .append(escape(entry.name() + slash)).append("</a></li>\n");
        }
        return html.append("</ul>\n</body>\n</html>\n").toString().getBytes(StandardCharsets.UTF_8);
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
