package dev.socklab.benchmarks.compare;

/** A run that produced no result: a server that did not start, a load generator that failed. The message says which, in a sentence. */
final class RunFailedException extends Exception {
    RunFailedException(String message) {
        super(message);
    }
}
