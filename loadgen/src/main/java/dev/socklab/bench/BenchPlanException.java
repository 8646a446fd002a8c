package dev.socklab.bench;

/**
 * A bench asks for something that cannot be: too many connections for this process's open-file
 * limit, a duration past the bound, a source range off loopback. The message is one sentence that
 * names the option as the command line writes it and says how to fix it; front ends print it as it is.
 */
public final class BenchPlanException extends IllegalArgumentException {
    /** An exception with a user-facing sentence. */
    public BenchPlanException(String message) {
        super(message);
    }
}
