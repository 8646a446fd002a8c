/**
 * Text as socklab writes it and reads it, each format in one place: {@link dev.socklab.text.Durations}
 * (what options take and messages print), {@link dev.socklab.text.Visible} (text from the network
 * or from a file, shown to a person with its controls, bidi and invisible characters made visible),
 * {@link dev.socklab.text.CappedFile} (a file read within a size bound),
 * {@link dev.socklab.text.IoFailure} (why a file could not be read, in words) and
 * {@link dev.socklab.text.Suggestion} (the "did you mean" of a mistyped name).
 */
package dev.socklab.text;
