package dev.socklab.services.http.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import dev.socklab.services.storage.DirectoryListing;
import dev.socklab.services.storage.FileRoot;

/**
 * The HTML page that lists a directory without an {@code index.html}: its visible entries (no
 * hidden name, no link, nothing but files and directories), sorted by name, each directory with a
 * trailing slash, and a link to the parent below the root. Every name is escaped for HTML in the
 * text and percent-encoded in the link, so that no file name can put markup in the page.
 *
 * <p>A page shows the first {@link #SHOWN} entries by name, and says how many more there are: to
 * sort, the page holds what it shows, and a directory of millions of names must not cost memory in
 * proportion (nginx's autoindex sorts them all in memory). The directory is read once, keeping the
 * first names so far in a heap of at most {@link #SHOWN}.
 */
final class Listing {
    /** The most entries a page shows. */
    static final int SHOWN = 10_000;
    private static final Comparator<FileRoot.Entry> BY_NAME = Comparator.comparing(FileRoot.Entry::name);

    private Listing() {
    }

    /** The page for a directory asked for as {@code path}, whose visible entries {@code entries} reads. */
    static byte[] page(RequestPath path, DirectoryListing entries) throws IOException {
        // The last of the first names so far on top, to be dropped when a name before it comes.
        PriorityQueue<FileRoot.Entry> first = new PriorityQueue<>(BY_NAME.reversed());
        long[] more = {0};
        entries.forEach(entry -> {
            first.add(entry);
            if (first.size() > SHOWN) {
                first.remove();
                more[0]++;
            }
        });
        List<FileRoot.Entry> visible = new ArrayList<>(first);
        visible.sort(BY_NAME);
        return page(path, visible, more[0]);
    }

    private static byte[] page(RequestPath path, List<FileRoot.Entry> visible, long more) {
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
        html.append("</ul>\n");
        if (more > 0) {
            html.append("<p>and ").append(more).append(more == 1 ? " more entry" : " more entries")
                    .append(", not shown: a listing shows the first ").append(SHOWN).append(" by name.</p>\n");
        }
        return html.append("</body>\n</html>\n").toString().getBytes(StandardCharsets.UTF_8);
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
