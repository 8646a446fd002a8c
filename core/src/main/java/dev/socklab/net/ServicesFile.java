package dev.socklab.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads service names and aliases from a services(5) file such as {@code /etc/services},
 * with a built-in table of the classic names for machines that lack the file.
 */
final class ServicesFile {

    /** Where the system keeps its service names. */
    static final Path DEFAULT = Path.of("/etc/services");

    /** The most that is read; the real file is about 12 KiB, so this only stops oddities. */
    static final int MAX_BYTES = 1 << 20;

    /** The classic names, used when the services file is missing or unreadable. */
    static final Map<String, Integer> FALLBACK = Map.ofEntries(
            Map.entry("echo", 7), Map.entry("discard", 9), Map.entry("systat", 11),
            Map.entry("daytime", 13), Map.entry("qotd", 17), Map.entry("chargen", 19),
            Map.entry("ftp-data", 20), Map.entry("ftp", 21), Map.entry("ssh", 22),
            Map.entry("telnet", 23), Map.entry("smtp", 25), Map.entry("time", 37),
            Map.entry("domain", 53), Map.entry("tftp", 69), Map.entry("gopher", 70),
            Map.entry("finger", 79), Map.entry("http", 80), Map.entry("pop3", 110),
            Map.entry("sunrpc", 111), Map.entry("nntp", 119), Map.entry("ntp", 123),
            Map.entry("imap2", 143), Map.entry("imap", 143), Map.entry("snmp", 161),
            Map.entry("https", 443));

    /**
     * The service table in use and where it came from, so messages can say which.
     *
     * @param ports    service name or alias to port
     * @param file     the file that was asked for
     * @param fromFile false when the file could not be read and {@link #FALLBACK} is used
     */
    record Table(Map<String, Integer> ports, Path file, boolean fromFile) {
    }

    private ServicesFile() {
    }

    /** Loads the file, or the built-in table when it is missing or unreadable. */
    static Table loadOrFallback(Path file) {
        try {
            return new Table(load(file), file, true);
        } catch (IOException e) {
            return new Table(FALLBACK, file, false);
        }
    }

    /**
     * Reads up to {@link #MAX_BYTES} of a services file.
     *
     * @param file the file
     * @return an unmodifiable map of names and aliases to ports
     * @throws IOException if the file cannot be read
     */
    static Map<String, Integer> load(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        int length = bytes.length;
        if (length == MAX_BYTES) {
            // Drop the line the cap cut in two rather than read half an entry.
            while (length > 0 && bytes[length - 1] != '\n') {
                length--;
            }
        }
        // Latin-1 decodes any byte, so a stray non-ASCII comment cannot fail the read.
        return parse(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads services(5) lines: {@code name port/protocol [aliases...] [# comment]}.
     * Within a protocol the first line wins, as getservbyname does; across protocols tcp
     * wins over udp, which wins over the rest. Malformed lines are skipped.
     */
    static Map<String, Integer> parse(String text) {
        Map<String, Integer> ports = new HashMap<>();
        Map<String, Integer> ranks = new HashMap<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String[] fields = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
            int slash = fields.length < 2 ? -1 : fields[1].indexOf('/');
            int port = slash < 0 ? -1 : port(fields[1].substring(0, slash));
            if (port < 0) {
                continue;
            }
            int rank = rank(fields[1].substring(slash + 1));
            for (int i = 0; i < fields.length; i++) {
                if (i == 1) {
                    continue;
                }
                Integer old = ranks.get(fields[i]);
                if (old == null || rank < old) {
                    ports.put(fields[i], port);
                    ranks.put(fields[i], rank);
                }
            }
        }
        return Map.copyOf(ports);
    }

    private static int rank(String protocol) {
        return switch (protocol) {
            case "tcp" -> 0;
            case "udp" -> 1;
            default -> 2;
        };
    }

    /** The port number, or -1 if the text is not a number from 0 to 65535. */
    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }
}
