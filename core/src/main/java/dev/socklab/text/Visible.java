package dev.socklab.text;

/**
 * Text from the network as a person may be shown it: every character that would act on the
 * terminal, or that draws as nothing and so could hide or reorder what is around it, is shown as
 * a visible mark instead. This is the one place that says which characters those are; the trace's
 * and the log's escaping ({@code dev.socklab.trace.Preview}) asks it too.
 *
 * <p>Hidden characters ({@link #isHidden}): the controls (C0, DEL, C1), the Unicode format
 * characters (the bidi embeddings, overrides and isolates U+202A to U+202E and U+2066 to U+2069,
 * the marks U+200E, U+200F, U+061C, zero-width space U+200B, the joiners U+200C and U+200D, word
 * joiner U+2060, U+FEFF, soft hyphen, tags), the line and paragraph separators U+2028 and U+2029,
 * and surrogates that are not half of a pair.
 */
public final class Visible {
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private Visible() {
    }

    /** Whether {@code c} would act on a terminal, or draws as nothing and can hide or reorder the text around it. */
    public static boolean isHidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    /**
     * {@code text} with each hidden character made visible: a C0 control or DEL in caret notation
     * ({@code ^[} for ESC, {@code ^?} for DEL), any other as {@code <U+202E>}. Tab and line ends
     * (LF, and CR right before LF) stay, so that lines and columns show as the server meant them;
     * so does a joiner (U+200C, U+200D) between two characters that show, which emoji sequences
     * and Persian and Indic words need, and where it hides nothing.
     */
    public static String of(String text) {
        if (text.codePoints().noneMatch(Visible::isHidden)) {
            return text;
        }
        int[] cps = text.codePoints().toArray();
        StringBuilder shown = new StringBuilder(text.length() + 16);
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!isHidden(c) || c == '\t' || c == '\n' || (c == '\r' && i + 1 < cps.length && cps[i + 1] == '\n')
                    || isJoinerBetweenShown(cps, i)) {
                shown.appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                shown.append('^').append((char) (c ^ 0x40));
            } else {
                shown.append(String.format("<U+%04X>", c));
            }
        }
        return shown.toString();
    }

    private static boolean isJoinerBetweenShown(int[] cps, int i) {
        return (cps[i] == ZWJ || cps[i] == ZWNJ) && i > 0 && i < cps.length - 1
                && shows(cps[i - 1]) && shows(cps[i + 1]);
    }

    private static boolean shows(int c) {
        return !isHidden(c) && !Character.isWhitespace(c) && !Character.isSpaceChar(c);
    }
}
