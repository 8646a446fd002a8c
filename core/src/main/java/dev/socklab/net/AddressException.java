package dev.socklab.net;

/**
 * An address or port the user wrote cannot be used.
 *
 * <p>The message is one sentence the user can act on: it names the input and, where one
 * helps, gives a hint, for example {@code port 70000 is out of range: a port is a number
 * from 0 to 65535}. Command-line front ends print it as it is.
 */
public final class AddressException extends IllegalArgumentException {

    /**
     * Creates an exception with a user-facing message.
     *
     * @param message one sentence naming the input and what is wrong with it
     */
    public AddressException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a user-facing message and the lower-level cause.
     *
     * @param message one sentence naming the input and what is wrong with it
     * @param cause   the exception that revealed the problem, kept for debugging
     */
    public AddressException(String message, Throwable cause) {
        super(message, cause);
    }
}
