package dev.socklab.services.arp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.net.AddressException;
import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.SettingException;
import dev.socklab.text.IoFailure;

/**
 * The table behind the {@code arp} and {@code rarp} services: IP address to hardware address
 * and back, merged from inline entries, {@code /etc/ethers}-format files and the kernel's
 * neighbour table.
 *
 * <p><b>Precedence.</b> When sources disagree about an IP address, the most deliberate one
 * wins: inline entries ({@code --arp-entry}) over table files ({@code --arp-table}), an
 * earlier file over a later one, and files over the system table ({@code --arp-source
 * system}). Within a file the first line for an address wins, and a later conflicting line is
 * logged. Both directions agree: an IP address taken by a stronger source is not listed under
 * the hardware address a weaker source gave it.
 *
 * <p><b>Reloading.</b> Table files and the system table are checked on a lookup, at most once
 * per {@linkplain Builder#reloadCheckInterval(Duration) check interval}: a file is read again
 * when its last-modified time, size or identity changed, and the system table is read again
 * each time and used when its text changed. Host names in a file are resolved when the file is
 * loaded, never on a lookup of that name. A file that disappears or cannot be read keeps its
 * last good entries, with one warning. Files are read up to a {@linkplain
 * Builder#maxFileBytes(int) size limit}, with a warning when one goes past it.
 *
 * <p>A reload ({@link #replaceWith}) replaces the sources themselves, with those of a table built
 * anew from the settings.
 *
 * <p><b>Threads.</b> Lookups are safe from any number of threads. Each reads an immutable
 * snapshot, so it costs hash-map lookups plus, once per interval, one thread's file check;
 * other threads do not wait for that check.
 *
 * <p>Warnings go to the logger {@code socklab.service.arp}.
 */
public final class ArpTable {

    /** How often, at most, sources are checked for changes unless told otherwise: one second. */
    public static final Duration DEFAULT_RELOAD_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** How much of a file is read unless told otherwise: 4 MiB, some 100,000 entries. */
    public static final int DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

    /** Where the table's warnings go. */
    static final Logger LOG = LoggerFactory.getLogger("socklab.service.arp");

    /** The sources and what they merge to; swapped whole by a reload ({@link #replaceWith}). */
    private final AtomicReference<Merged> merged;

    private ArpTable(List<ArpSource> sources) {
        this.merged = new AtomicReference<>(Merged.of(List.copyOf(sources)));
    }

    /**
     * Starts describing a table; with nothing added it is empty.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The hardware address of an IP address, for {@code arp}. An IPv4-mapped IPv6 address such
     * as {@code ::ffff:10.0.0.1} is looked up as its IPv4 address; an IPv6 scope is ignored.
     *
     * @param ip the address to look up
     * @return its hardware address, or empty if no source has it
     * @throws NullPointerException if {@code ip} is null
     */
    public Optional<HardwareAddress> hardwareAddressOf(InetAddress ip) {
        Objects.requireNonNull(ip, "ip");
        return view().hardwareAddressOf(ip);
    }

    /**
     * The IP addresses of a hardware address, for {@code rarp}: in the order their entries
     * were loaded (inline entries, then files in order, then the system table), each once.
     *
     * @param hw the hardware address to look up
     * @return an unmodifiable list, empty if no source has it; its addresses carry no host
     *         names, so printing them never causes a lookup
     * @throws NullPointerException if {@code hw} is null
     */
    public List<InetAddress> ipAddressesOf(HardwareAddress hw) {
        Objects.requireNonNull(hw, "hw");
        return view().ipAddressesOf(hw);
    }

    /**
     * The merged entries, merged again only when a source's entries changed. Two threads
     * may both merge after a change; either result is right, and a stale one written last is
     * noticed and replaced on the next lookup.
     */
    private Entries view() {
        Merged m = merged.get();
        List<ArpSource> sources = m.sources();
        boolean unchanged = true;
        for (int i = 0; i < sources.size(); i++) {
            // Every source is asked, not just up to the first change, so that each gets its check.
            unchanged &= sources.get(i).current() == m.parts().get(i);
        }
        if (unchanged) {
            return m.view();
        }
        Merged next = Merged.of(sources);
        // A reload that swapped the sources meanwhile wins over this merge of the old ones.
        merged.compareAndSet(m, next);
        return next.view();
    }

    /**
     * What {@link #replaceWith}{@code (fresh)} would change, for a user to read, such as
     * {@code 12 addresses (were 10)}; empty if the entries are the same.
     */
    public Optional<String> changeTo(ArpTable fresh) {
        Entries before = merged.get().view();
        Entries after = fresh.merged.get().view();
        return before.sameAs(after) ? Optional.empty()
                : Optional.of(after.size() + " addresses (were " + before.size() + ")");
    }

    /**
     * This table's sources and entries from now on: those of {@code fresh}, a table built from the
     * settings as they are now (its files read again). Lookups under way finish with the old ones.
     */
    public void replaceWith(ArpTable fresh) {
        merged.set(fresh.merged.get());
    }

    /** The sources, strongest first, their entries when last merged, and what they merge to. */
    private record Merged(List<ArpSource> sources, List<Entries> parts, Entries view) {
        static Merged of(List<ArpSource> sources) {
            List<Entries> parts = sources.stream().map(ArpSource::current).toList();
            return new Merged(sources, parts, Entries.merge(parts));
        }
    }

    /**
     * Describes an {@link ArpTable}: its sources, in any order (precedence does not depend on
     * the order of calls, except between files), and how often to check them.
     */
    public static final class Builder {
        private final Map<InetAddress, InlineEntry> inline = new LinkedHashMap<>();
        private final List<Path> files = new ArrayList<>();
        private boolean system;
        private Duration reloadCheckInterval = DEFAULT_RELOAD_CHECK_INTERVAL;
        private int maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private Path systemTable = ProcNetArpFormat.PATH;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {
        }

        /**
         * Adds a table file in {@code /etc/ethers} format ({@code --arp-table}). A file added
         * earlier wins over one added later for the same IP address.
         *
         * @param file the file; read by {@link #build()}, and again when it changes
         * @return this builder
         */
        public Builder file(Path file) {
            files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Adds an entry written {@code IP=HW} ({@code --arp-entry}), such as
         * {@code 10.0.0.1=0A:0B:0C:0D} or {@code fd00::1=00-1A-2B-3C-4D-5E}. The IP must be an
         * address literal; names are not resolved here.
         *
         * @param ipEqualsHw the entry
         * @return this builder
         * @throws AddressException (an {@link IllegalArgumentException}) with a one-sentence
         *                          message if the entry is malformed, or gives an IP address a
         *                          different hardware address than an earlier entry did
         */
        public Builder entry(String ipEqualsHw) {
            InlineEntry entry = InlineEntry.parse(Objects.requireNonNull(ipEqualsHw, "ipEqualsHw"));
            InlineEntry held = inline.putIfAbsent(entry.ip(), entry);
            if (held != null && !held.hw().equals(entry.hw())) {
                throw new AddressException(SocketAddresses.format(entry.ip()) + " is given two hardware addresses, "
                        + held.hw() + " and " + entry.hw() + ": keep one of the entries " + held + " and " + entry);
            }
            return this;
        }

        /**
         * Whether to include the kernel's IPv4 neighbour table from {@code /proc/net/arp}
         * ({@code --arp-source system}); Linux only, read-only, and the weakest source.
         *
         * @param system {@code true} to include it; off by default
         * @return this builder
         */
        public Builder system(boolean system) {
            this.system = system;
            return this;
        }

        /**
         * How often, at most, a lookup checks the files and the system table for changes.
         *
         * @param interval zero or more; zero checks on every lookup; default
         *                 {@link #DEFAULT_RELOAD_CHECK_INTERVAL}
         * @return this builder
         * @throws IllegalArgumentException if the interval is negative
         */
        public Builder reloadCheckInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the reload check interval is " + interval
                        + ", but it cannot be negative: give zero to check on every lookup");
            }
            this.reloadCheckInterval = interval;
            return this;
        }

        /**
         * How many bytes of each file to read at most; the lines past it are left out, with a
         * warning.
         *
         * @param maxBytes at least 1; default {@link #DEFAULT_MAX_FILE_BYTES}
         * @return this builder
         * @throws IllegalArgumentException if {@code maxBytes} is less than 1
         */
        public Builder maxFileBytes(int maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("the file size limit is " + maxBytes
                        + " bytes, but it must be at least 1");
            }
            this.maxFileBytes = maxBytes;
            return this;
        }

        /** Reads the system table from {@code file} instead of {@code /proc/net/arp}; for tests. */
        Builder systemTable(Path file) {
            this.systemTable = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Measures check intervals with {@code nanoTime} instead of {@link System#nanoTime()}; for tests. */
        Builder ticker(LongSupplier nanoTime) {
            this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * Reads the files and the system table and builds the table. Host names in the files
         * are resolved now.
         *
         * @return the table
         * @throws SettingException with a one-sentence message if a file or the system
         *                                  table cannot be read now; later failures only log
         */
        public ArpTable build() {
            Entries.Builder fixed = new Entries.Builder();
            inline.values().forEach(e -> fixed.add(e.ip(), e.hw()));
            Entries inlineEntries = fixed.build();
            List<ArpSource> sources = new ArrayList<>();
            sources.add(() -> inlineEntries);
            long interval = saturatedNanos(reloadCheckInterval);
            for (Path file : files) {
                sources.add(load(file, EthersFormat::parse, PolledFile.Detect.STAT, interval,
                        "the ARP table file " + file + " cannot be read", "check the path"));
            }
            if (system) {
                sources.add(load(systemTable, ProcNetArpFormat::parse, PolledFile.Detect.CONTENT, interval,
                        "the system ARP table " + systemTable + " cannot be read",
                        "the system source reads the neighbour table that Linux keeps in /proc/net/arp"));
            }
            return new ArpTable(sources);
        }

        private PolledFile load(Path file, TableFormat format, PolledFile.Detect detect, long interval,
                                String failure, String hint) {
            try {
                return PolledFile.load(file, format, detect, interval, maxFileBytes, ticker);
            } catch (IOException e) {
                throw new SettingException(failure + " (" + IoFailure.reason(e) + "): " + hint, e);
            }
        }

        /** A long interval such as {@code ChronoUnit.FOREVER} would overflow toNanos; a century is the same in practice. */
        private static long saturatedNanos(Duration interval) {
            Duration century = Duration.ofDays(36_525);
            return (interval.compareTo(century) > 0 ? century : interval).toNanos();
        }
    }
}
