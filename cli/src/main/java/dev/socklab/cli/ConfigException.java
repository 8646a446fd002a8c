package dev.socklab.cli;

import java.util.List;

/**
 * A configuration file that cannot be read or fails its check: every error found, each a line
 * {@code FILE:LINE: key: message}, in the order of the file.
 */
final class ConfigException extends RuntimeException {
    private final List<String> errors;

    ConfigException(List<String> errors) {
        super(String.join(System.lineSeparator(), errors));
        this.errors = List.copyOf(errors);
    }

    /** Each error, one line each. */
    List<String> errors() {
        return errors;
    }
}
