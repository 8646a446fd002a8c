package dev.socklab.http;

/**
 * One header field as it came (RFC 9110 §5): its name, in the case it was sent, and its value
 * with the whitespace around it removed.
 */
public record Field(String name, String value) {
    /** Whether this field is called {@code other}, ignoring case as field names are compared. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
