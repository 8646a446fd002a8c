package dev.socklab.text;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name a mistyped one was probably meant to be, for the "did you mean" of an error:
 * a service name in a port, a command name on the command line.
 */
public final class Suggestion {

    /** More edits than this and the guess is more confusing than helpful. */
    private static final int MAX_EDITS = 2;

    private Suggestion() {
    }

    /**
     * The known name closest to {@code typed}: one that differs only in case, else the
     * nearest within two edits (fewer for short names) (insert, delete, change, swap of neighbours).
     *
     * @return the name, or empty when none is close; ties go to the alphabetically first
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        // Short names are close to too many others, so they get fewer edits.
        int allowed = Math.min(MAX_EDITS, typed.length() / 3);
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : known) {
            int distance = candidate.equalsIgnoreCase(typed) ? 0 : distance(typed, candidate);
            if (distance < bestDistance || (distance == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein plus swapping two neighbours. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_EDITS) {
            return MAX_EDITS + 1; // cannot be close, so skip the table
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
