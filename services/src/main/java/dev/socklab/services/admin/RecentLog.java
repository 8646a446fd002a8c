package dev.socklab.services.admin;

import java.util.List;

/** The last lines the server logged, kept for the status page by whatever writes the log (the cli's Logback). */
@FunctionalInterface
public interface RecentLog {
    /** The lines kept, oldest first. */
    List<LogLine> lines();
}
