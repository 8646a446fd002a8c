package dev.socklab.services.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The server's rooms, by name without regard to case; {@code lobby} always among them. */
final class Rooms {
    static final String LOBBY = "lobby";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    /** The chat's settings as they are now, which a reload may change. */
    private final Supplier<ChatSettings> settings;
    private final Delivery delivery;
    private final Map<String, Room> byKey = new HashMap<>();
    private final Room lobby;

    Rooms(Supplier<ChatSettings> settings, Delivery delivery) {
        this.settings = settings;
        this.delivery = delivery;
        this.lobby = new Room(LOBBY, true, settings, delivery);
        byKey.put(LOBBY, lobby);
    }

    Room lobby() {
        return lobby;
    }

    /** Why {@code name} cannot name a room, or empty if it can. */
    static Optional<String> problem(String name) {
        return NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("'" + MemberText.shown(name) + "' cannot name a room: use 1 to 32 letters, digits, '-', '_' or '.'");
    }

    /** The room called {@code name}, made if there is none; empty if making it would pass the limit of rooms. */
    synchronized Optional<Room> open(String name) {
        String key = key(name);
        Room room = byKey.get(key);
        if (room == null) {
            if (byKey.size() >= maxRooms()) {
                return Optional.empty();
            }
            room = new Room(name, false, settings, delivery);
            byKey.put(key, room);
        }
        return Optional.of(room);
    }

    /** Forgets {@code room}, which its last member has left; a room made since under the same name stays. */
    synchronized void remove(Room room) {
        byKey.remove(key(room.name()), room);
    }

    synchronized Optional<Room> find(String name) {
        return Optional.ofNullable(byKey.get(key(name)));
    }

    /** How many rooms there are now, the lobby with them. */
    synchronized int size() {
        return byKey.size();
    }

    /** Every room, by name. */
    synchronized List<Room> all() {
        List<Room> rooms = new ArrayList<>(byKey.values());
        rooms.sort(Comparator.comparing(r -> key(r.name())));
        return rooms;
    }

    int maxRooms() {
        return settings.get().maxRooms();
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
