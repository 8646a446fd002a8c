package dev.socklab.services.arp;

/** One source of entries for the table: fixed entries, a table file, or the kernel's table. */
@FunctionalInterface
interface ArpSource {

    /**
     * The source's entries now; cheap enough to call on every lookup, and returning the same
     * instance for as long as the entries are unchanged.
     *
     * @return the current entries
     */
    Entries current();
}
