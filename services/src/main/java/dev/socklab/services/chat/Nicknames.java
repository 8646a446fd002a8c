package dev.socklab.services.chat;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Who is called what: each nickname belongs to one member, without regard to case. */
final class Nicknames {
    static final int MAX_LENGTH = 32;
    private static final String GUEST = "guest-";

    private final ConcurrentHashMap<String, Member> byKey = new ConcurrentHashMap<>();
    private final AtomicLong guests = new AtomicLong();

    /** Why {@code nick} cannot be a nickname, or empty if it can. */
    static Optional<String> problem(String nick) {
        int length = nick.codePointCount(0, nick.length());
        if (length < 1 || length > MAX_LENGTH) {
            return Optional.of("a nickname has 1 to " + MAX_LENGTH + " characters, not " + length);
        }
        if (nick.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c))) {
            return Optional.of("a nickname has no spaces or control characters");
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

    void release(String nick, Member member) {
        byKey.remove(key(nick), member);
    }

    Optional<Member> find(String nick) {
        return Optional.ofNullable(byKey.get(key(nick)));
    }

    static String key(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }
}
