package dev.socklab.services.arp;

import java.nio.file.Path;

/** How the text of one kind of table file becomes entries. */
@FunctionalInterface
interface TableFormat {

    /**
     * Reads the entries, logging each line that cannot be used with {@code file:line} and
     * going on with the rest; never throws for bad content.
     *
     * @param text the file's text
     * @param file the file, for messages
     * @return the entries, in file order
     */
    Entries parse(String text, Path file);
}
