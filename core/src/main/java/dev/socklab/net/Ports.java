package dev.socklab.net;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.socklab.text.Suggestion;

/** Ports as the lab writes them: a number, or a service name such as {@code daytime}. */
public final class Ports {

    private static final int MAX_PORT = 65535;

    /** Parsed once, on first use, and shared; the holder idiom makes that thread-safe. */
    private static final class SystemTable {
        static final ServicesFile.Table TABLE = ServicesFile.loadOrFallback(ServicesFile.DEFAULT);
    }

    private Ports() {
    }

    /**
     * Reads a port: a decimal number from 0 to 65535, or a service name or alias from
     * {@code /etc/services} (case-sensitive; the tcp entry wins when tcp and udp differ).
     * When that file is missing or unreadable, a built-in table of the classic names is used.
     *
     * @param text what the user wrote; surrounding whitespace is ignored
     * @return the port number
     * @throws AddressException     if the number is out of range or the name is unknown
     * @throws NullPointerException if {@code text} is null
     */
    public static int parse(String text) {
        // Only a name needs the table: a client given a number never reads /etc/services.
        return parse(text, () -> SystemTable.TABLE);
    }

    /** As {@link #parse(String)}, with names from the given file, read afresh; for tests. */
    static int parse(String text, Path servicesFile) {
        return parse(text, () -> ServicesFile.loadOrFallback(servicesFile));
    }

    private static int parse(String text, Supplier<ServicesFile.Table> names) {
        String t = Objects.requireNonNull(text, "text").strip();
        if (t.isEmpty()) {
            throw new AddressException("no port was given: give a port number from 0 to 65535"
                    + " or a service name such as daytime");
        }
        if (t.matches("-?[0-9]+")) {
            BigInteger port = new BigInteger(t);
            if (port.signum() < 0 || port.compareTo(BigInteger.valueOf(MAX_PORT)) > 0) {
                throw new AddressException("port " + t + " is out of range:"
                        + " a port is a number from 0 to " + MAX_PORT);
            }
            return port.intValue();
        }
        ServicesFile.Table table = names.get();
        Integer port = table.ports().get(t);
        if (port == null) {
            throw unknown(t, table);
        }
        return port;
    }

    private static AddressException unknown(String name, ServicesFile.Table table) {
        String example = Suggestion.closest(name, table.ports().keySet())
                .orElse(table.ports().containsKey("daytime") ? "daytime" : null);
        String suchAs = example == null ? "" : " such as " + example;
        String source = table.fromFile()
                ? " from " + table.file() + suchAs
                : suchAs + " (" + table.file() + " cannot be read, so only the classic names are known)";
        return new AddressException("unknown service '" + name + "': give a port number or a service name"
                + source);
    }

    /** The table in use by {@link #parse(String)}; for tests. */
    static Map<String, Integer> systemTable() {
        return SystemTable.TABLE.ports();
    }
}
