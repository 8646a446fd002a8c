package dev.socklab.services.chat;

/**
 * What of a member's text other members may see. Each server line's shape says who speaks (see
 * docs/services.md), so text from a member must not hide, reorder or fake any part of a line. Two
 * kinds of character could:
 *
 * <ul>
 *   <li><b>blank</b>: draws as empty space. Whitespace and space separators
 *       ({@link Character#isWhitespace}, {@link Character#isSpaceChar}: tab, the no-break and
 *       typographic spaces, U+2028 and U+2029, which some clients end a line at), and the letters
 *       and symbols that fonts draw empty: the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0,
 *       and the braille blank U+2800. A run of them could push text to the start of the next row of
 *       a terminal, where it would look like a line of its own.</li>
 *   <li><b>invisible</b>: draws as nothing, or moves what is around it. Controls, Unicode format
 *       characters ({@link Character#FORMAT}: the bidi embeddings, overrides and isolates U+202A to
 *       U+202E and U+2066 to U+2069, the marks U+200E, U+200F and U+061C, zero-width space U+200B,
 *       the joiners U+200C and U+200D, word joiner U+2060, U+FEFF, soft hyphen, tags), and the other
 *       marks Unicode says to draw as nothing (default ignorable): U+034F, U+17B4, U+17B5, the
 *       variation selectors U+180B to U+180D, U+180F, U+FE00 to U+FE0F and U+E0100 to U+E01EF.</li>
 * </ul>
 *
 * A nickname may hold neither ({@link Nicknames#problem}). A message is shown with each run of
 * blanks as one space, none at its ends, and each control or format character as U+FFFD, so that
 * the reader sees something was there; only the joiners U+200C and U+200D between two shown
 * characters stay, as emoji sequences and Persian and Indic words need them and there they hide
 * nothing. Variation selectors stay in messages: they choose how the character before them looks
 * (an emoji's colour form), and show nothing of their own.
 */
final class MemberText {
    /** Shown in place of an invisible character. */
    static final char REPLACEMENT = '\uFFFD';

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private MemberText() {
    }

    /** Whether {@code c} draws as empty space. */
    static boolean isBlank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
    }

    /** Whether {@code c} draws as nothing, or moves the text around it (not counting blanks). */
    static boolean isInvisible(int c) {
        return !isBlank(c) && (isControlOrFormat(c) || isIgnorableMark(c));
    }

    /** {@code text} as other members see it: runs of blanks as one space, none at the ends, invisible characters marked. */
    static String shown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean blank = false;
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (isBlank(c)) {
                blank = true;
                continue;
            }
            if (blank && !out.isEmpty()) {
                out.append(' ');
            }
            blank = false;
            if (!isControlOrFormat(c) || isJoinerBetweenShown(cps, i)) {
                out.appendCodePoint(c);
            } else {
                out.append(REPLACEMENT);
            }
        }
        return out.toString();
    }

    private static boolean isControlOrFormat(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
    }

    private static boolean isIgnorableMark(int c) {
        return c == 0x034F || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180D) || c == 0x180F
                || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
    }

    /** A joiner whose neighbours both show: not at an end, next to no blank, control or format character. */
    private static boolean isJoinerBetweenShown(int[] cps, int i) {
        return (cps[i] == ZWJ || cps[i] == ZWNJ) && i > 0 && i < cps.length - 1
                && shows(cps[i - 1]) && shows(cps[i + 1]);
    }

    private static boolean shows(int c) {
        return !isBlank(c) && !isControlOrFormat(c);
    }
}
