package dev.socklab.services.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The members that the chat itself tells that the server is stopping: browser members, whose
 * connections belong to the http service and carry WebSocket frames, where the runtime's notice,
 * a bare line of text, cannot go. The runtime tells the others ({@link ChatService#stopping}).
 */
final class StopNotices {
    /** Guarded by {@code this}. */
    private final Set<Consumer<String>> members = new LinkedHashSet<>();
    /** The notice once the server is stopping; null before. Guarded by {@code this}. */
    private String notice;

    /** Tells {@code member} the notice when the server stops, or at once if it has begun to. */
    void add(Consumer<String> member) {
        String now;
        synchronized (this) {
            now = notice;
            if (now == null) {
                members.add(member);
            }
        }
        if (now != null) {
            member.accept(now);
        }
    }

    synchronized void remove(Consumer<String> member) {
        members.remove(member);
    }

    /** Tells every member {@code text}, once: the first call alone counts. */
    void stop(String text) {
        List<Consumer<String>> told;
        synchronized (this) {
            if (notice != null) {
                return;
            }
            notice = text;
            told = new ArrayList<>(members);
            members.clear();
        }
        told.forEach(member -> member.accept(text));
    }
}
