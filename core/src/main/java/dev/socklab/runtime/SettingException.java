package dev.socklab.runtime;

/**
 * A setting of the server or of a service cannot be used: a limit out of range, a format that is
 * no format, a file that cannot be read. The message is one sentence naming the setting and what
 * would do instead, so that a command line shows it as it is, as it does an
 * {@link dev.socklab.net.AddressException}.
 */
public final class SettingException extends IllegalArgumentException {
    /**
     * Creates an exception with a user-facing message.
     *
     * @param message one sentence naming the setting and what is wrong with it
     */
    public SettingException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a user-facing message and the lower-level cause.
     *
     * @param message one sentence naming the setting and what is wrong with it
     * @param cause the exception that revealed the problem, kept for debugging
     */
    public SettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
