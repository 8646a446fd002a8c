package dev.socklab.services.http.files;

/**
 * Lists of entity tags as conditional fields carry them (RFC 9110 §8.8.3), such as
 * {@code W/"a", "b,c"}: a tag is {@code "..."}, weak when {@code W/} precedes it, and may hold a
 * comma, so a list is scanned, never split.
 */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * Whether {@code list} holds a tag equal to {@code tag} (a strong tag, quotes included):
     * compared strongly, a weak tag in the list equals nothing; weakly, {@code W/} is ignored. A
     * list that stops making sense is read up to there.
     */
    static boolean lists(String list, String tag, boolean strong) {
        int i = 0;
        while (i < list.length()) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = list.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= list.length() || list.charAt(open) != '"') {
                return false;
            }
            int close = list.indexOf('"', open + 1);
            if (close < 0) {
                return false;
            }
            if (!(strong && weak) && list.regionMatches(open, tag, 0, tag.length()) && close + 1 - open == tag.length()) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
