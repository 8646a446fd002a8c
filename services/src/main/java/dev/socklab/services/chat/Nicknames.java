package dev.socklab.services.chat;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who is called what: each nickname belongs to one member, and so do the names that look the same.
 * Names are compared in a normal form (NFKC, then case folding), so that {@code ALICE}, the
 * full-width {@code ａｌｉｃｅ} and the mathematical bold {@code 𝐚𝐥𝐢𝐜𝐞} are all taken once {@code alice}
 * is; a nickname is shown as its member typed it.
 */
public final class Nicknames {
    public static final int MAX_LENGTH = 32;
    private static final String GUEST = "guest-";

    private final ConcurrentHashMap<String, Member> byKey = new ConcurrentHashMap<>();
    private final AtomicLong guests = new AtomicLong();

    /** How many members have a nickname now: every member has one, a guest's at first. */
    int size() {
        return byKey.size();
    }

    /**
     * Why {@code nick} cannot be a nickname, or empty if it can: it has 1 to {@link #MAX_LENGTH}
     * characters, none of them blank or invisible ({@link MemberText}), so that it looks like no other
     * nickname it is not.
     */
    public static Optional<String> problem(String nick) {
        int length = nick.codePointCount(0, nick.length());
        if (length < 1 || length > MAX_LENGTH) {
            return Optional.of("a nickname has 1 to " + MAX_LENGTH + " characters, not " + length);
        }
        for (int c : nick.codePoints().toArray()) {
            if (MemberText.isBlank(c)) {
                return Optional.of("a nickname has no spaces or blank characters, and " + codePoint(c) + " is one");
            }
            if (MemberText.isInvisible(c)) {
                return Optional.of("a nickname has no invisible, control or direction-changing characters, and "
                        + codePoint(c) + " is one");
            }
        }
        return Optional.empty();
    }

    /** A new member's first name, {@code guest-N}, skipping any taken. */
    String guest(Member member) {
        while (true) {
            String nick = GUEST + guests.incrementAndGet();
            if (byKey.putIfAbsent(key(nick), member) == null) {
                return nick;
            }
        }
    }

    /** Gives {@code nick} to {@code member} if no one else has it; its old name is released by {@link #release}. */
    boolean claim(String nick, Member member) {
        Member holder = byKey.putIfAbsent(key(nick), member);
        return holder == null || holder == member;
    }

    /** Every member now, once each but for one between two names (renaming), which may come twice. */
    Collection<Member> members() {
        return byKey.values();
    }

    void release(String nick, Member member) {
        byKey.remove(key(nick), member);
    }

    Optional<Member> find(String nick) {
        return Optional.ofNullable(byKey.get(key(nick)));
    }

    /**
     * The form in which two nicknames that look alike are equal: NFKC, which makes compatibility forms
     * (full-width, ligatures, mathematical letters) plain, then case folding, then NFKC again, as folding
     * can undo it. The JDK has no NFKC_Casefold; folding as upper case then lower case also joins
     * {@code ß} with {@code ss} and final with other sigma.
     */
    public static String key(String nick) {
        String folded = Normalizer.normalize(nick, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /** {@code U+200B}: a character named where it cannot be seen. */
    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
