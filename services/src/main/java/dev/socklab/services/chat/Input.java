package dev.socklab.services.chat;

/** One line from a member, as its {@link InputSource} read it: text, or why it cannot be used. */
public sealed interface Input {
    /** A line of valid text, without its end. */
    record Text(String text) implements Input {
    }

    /** A line longer than the limit; the rest of it was skipped. */
    record TooLong(int limit) implements Input {
    }

    /** A line that is not UTF-8. */
    record NotUtf8() implements Input {
    }

    /** A line with control characters other than tab. */
    record ControlCharacters() implements Input {
    }

    /** A telnet subnegotiation held more than {@code limit} bytes: it was ended, and the rest of its line skipped. */
    record LongSubnegotiation(int limit) implements Input {
    }

    /** The client closed its side. */
    record End() implements Input {
    }
}
