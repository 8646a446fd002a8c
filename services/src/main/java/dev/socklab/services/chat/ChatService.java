package dev.socklab.services.chat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;

import dev.socklab.service.Connection;
import dev.socklab.service.Gauge;
import dev.socklab.service.Gauges;
import dev.socklab.service.Outbox;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;
import dev.socklab.trace.Preview;

/**
 * Multi-user chat: rooms, nicknames, private messages, history (the protocol is in
 * docs/services.md). Each member's thread reads its lines and acts on them; what others say
 * reaches it through its outbox, so a member that does not read holds back no one, and is
 * disconnected once it falls too far behind.
 */
public final class ChatService implements StreamService, Gauges, Reloadable {
    /** Swapped whole by a reload; each use reads it once. */
    private volatile ChatSettings settings;
    private final ChatLines lines;
    private final Rooms rooms;
    private final Nicknames nicknames = new Nicknames();
    /** Closed once the server stops: members then leave without a word to their rooms. */
    private final Delivery delivery = new Delivery();
    private final StopNotices stopNotices = new StopNotices();

    public ChatService(ChatSettings settings, Clock clock) {
        this.settings = settings;
        this.lines = new ChatLines(clock);
        this.rooms = new Rooms(this::settings, delivery);
    }

    /** Members (on any socket, or in a browser through the http service) and rooms, now. */
    @Override
    public List<Gauge> gauges() {
        return List.of(new Gauge("chat_members", "Chat members now, in every room, browsers included.", nicknames::size),
                new Gauge("chat_rooms", "Chat rooms now, the lobby included.", rooms::size));
    }

    @Override
    public void serve(Connection conn) throws IOException {
        ChatSettings now = settings;
        converse(new ChatInput(conn, () -> settings.maxLineBytes()), conn.outbox(now.sendQueueBytes(), now.maxLag()),
                conn.log());
    }

    /**
     * Takes the chat's limits anew, for the members already in too: rooms, members, history and the flood
     * limits at once; the send queue and the lag from each member's next line sent to it (one already past a
     * lower bound is then disconnected as too far behind); the line length from each member's next line;
     * and the idle timeout from its next read, which the runtime sets ({@link #idleTimeout}).
     */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        ChatSettings next = fresh.chat();
        return new ServiceReload(ServiceReload.changes("chat", settings, next,
                new ServiceReload.Setting<>("--chat-history", ChatSettings::history),
                new ServiceReload.Setting<>("--chat-max-rooms", ChatSettings::maxRooms),
                new ServiceReload.Setting<>("--chat-max-members", ChatSettings::maxMembers),
                new ServiceReload.Setting<>("--chat-max-line", ChatSettings::maxLineBytes),
                new ServiceReload.Setting<>("--chat-rate", ChatSettings::rate),
                new ServiceReload.Setting<>("--chat-burst", ChatSettings::burst),
                new ServiceReload.Setting<>("--chat-send-queue", ChatSettings::sendQueueBytes),
                new ServiceReload.Setting<>("--chat-max-lag", ChatSettings::maxLag),
                new ServiceReload.Setting<>("--chat-idle-timeout", ChatSettings::idleTimeout)),
                () -> {
                    settings = next;
                    nicknames.members().forEach(this::holdToBounds);
                });
    }

    /**
     * Holds {@code member}'s outbox to the send queue and lag in force now. Both the reload and a member that
     * has just come call it, under the member's lock, so that whichever runs last reads the newest settings.
     */
    private void holdToBounds(Member member) {
        synchronized (member) {
            ChatSettings now = settings;
            member.bounds(now.sendQueueBytes(), now.maxLag());
        }
    }

    /**
     * One member's whole stay, whatever carries its lines: what it sends comes from {@code input}, what it
     * gets goes to {@code outbox}, whose bounds are the slow-consumer policy ({@link ChatSettings#sendQueueBytes},
     * {@link ChatSettings#maxLag}). Returns when the member leaves; its room hears why.
     *
     * @return why the member left, as its room heard it: {@code quit}, {@code quit: REASON} or {@code flooding},
     *     or empty when its input ended
     */
    String converse(InputSource input, Outbox outbox, Logger log) throws IOException {
        Member me = new Member(outbox, delivery, null);
        me.nick(nicknames.guest(me));
        // Its outbox was made before the reloads could find it among the members: one in between is caught up with.
        holdToBounds(me);
        // Why the member left, as its room is told; null when its connection failed under it.
        String departure = null;
        try {
            me.send(lines.news("welcome to socklab chat, " + me.nick()));
            me.send(lines.news("commands: " + Command.SUMMARY));
            enterLobby(me);
            ChatSettings limits = settings;
            FloodControl flood = new FloodControl(limits.rate(), limits.burst(), System.nanoTime());
            while (departure == null) {
                Input in = input.next();
                ChatSettings now = settings;
                if (now.rate() != limits.rate() || now.burst() != limits.burst()) {
                    // A reload changed the flood limits: this member is held to the new ones from its next line.
                    flood = new FloodControl(now.rate(), now.burst(), System.nanoTime());
                }
                limits = now;
                departure = switch (in) {
                    case Input.End end -> "";
                    case Input.TooLong tooLong -> refuse(me, "line too long (at most " + tooLong.limit() + " bytes): not sent");
                    case Input.NotUtf8 notUtf8 -> refuse(me, "not UTF-8: not sent");
                    case Input.ControlCharacters control -> refuse(me, "control characters are not allowed: not sent");
                    case Input.LongSubnegotiation cut -> refuse(me, "telnet subnegotiation (IAC SB) not ended within "
                            + cut.limit() + " bytes: dropped, with the rest of its line");
                    case Input.Text text -> switch (flood.check(text.text(), System.nanoTime())) {
                        case PASS -> act(me, Command.parse(text.text()), log);
                        case WARN -> refuse(me, "slow down: at most " + limits.rate() + " lines a second");
                        case DISCONNECT -> {
                            me.send(lines.error("disconnected: flooding"));
                            log.info("{} disconnected for flooding", logged(me.nick()));
                            yield "flooding";
                        }
                    };
                };
            }
        } finally {
            // The name first: once the room hears that a member left, its name is free, and a message to it says so.
            nicknames.release(me.nick(), me);
            leave(me, departure == null ? "disconnected" : departure);
        }
        return departure;
    }

    /**
     * Every room's name with how many members are in it, by name, as {@code /rooms} lists them: for a reader that is
     * no member (the rpc service's {@code chat.rooms}).
     */
    public Map<String, Integer> rooms() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rooms.all().forEach(room -> counts.put(room.name(), room.size()));
        return counts;
    }

    /** Clients of a chat mostly listen. */
    @Override
    public Optional<Duration> idleTimeout() {
        return Optional.of(settings.idleTimeout());
    }

    /** A member's first line may come minutes after it joins: a person reading the room before typing. */
    @Override
    public boolean firstRequestDeadlineApplies() {
        return false;
    }

    @Override
    public Optional<String> refusalLine(String reason) {
        return Optional.of(lines.errorText("disconnected: " + reason));
    }

    /**
     * Members stay until they leave: a stopping server tells them why it closes, as their last line (no chat
     * line is queued once this returns), and the rooms hear no departures. The runtime tells the members
     * that are its connections; the chat tells its browser members itself. The http service calls this too
     * (through {@link ChatSocketRoute#stopping}), as the runtime calls it only when the chat service has
     * connections of its own: every call after the first changes nothing.
     */
    @Override
    public Optional<String> stopping() {
        delivery.close();
        String notice = lines.errorText("server shutting down");
        stopNotices.stop(notice);
        return Optional.of(notice);
    }

    ChatSettings settings() {
        return settings;
    }

    /** The members the chat tells of the stop itself. */
    StopNotices stopNotices() {
        return stopNotices;
    }

    /** Does what {@code command} asks; returns why the member leaves, or null while it stays. */
    private String act(Member me, Command command, Logger log) {
        switch (command) {
            case Command.Nothing nothing -> {
            }
            case Command.Say say -> inRoom(me).ifPresent(room -> room.say(lines.message(me.nick(), say.text())));
            case Command.Me me1 -> inRoom(me).ifPresent(room -> room.say(lines.action(me.nick(), me1.action())));
            case Command.Nick nick -> rename(me, nick.name(), log);
            case Command.Join join -> join(me, join.room());
            case Command.Leave leave -> {
                if (me.room() == rooms.lobby()) {
                    me.send(lines.error("you are in " + Rooms.LOBBY + " already"));
                } else {
                    moveTo(me, rooms.lobby());
                }
            }
            case Command.Who who -> inRoom(me).ifPresent(room -> {
                List<String> nicks = room.nicks();
                me.send(lines.news("in " + room.name() + " (" + nicks.size() + "): " + String.join(", ", nicks)));
            });
            case Command.Rooms list -> {
                List<Room> all = rooms.all();
                me.send(lines.news("rooms (" + all.size() + "): "
                        + all.stream().map(r -> r.name() + " " + r.size()).collect(Collectors.joining(", "))));
            }
            case Command.Msg msg -> whisper(me, msg.nick(), msg.text());
            case Command.Help help -> help(me);
            case Command.Quit quit -> {
                me.send(lines.news("bye"));
                return quit.reason().isEmpty() ? "quit" : "quit: " + quit.reason();
            }
            case Command.Usage usage -> me.send(lines.error("usage: " + usage.usage()));
            case Command.Unknown unknown -> me.send(lines.error("unknown command /" + MemberText.shown(unknown.name())
                    + ": /help lists the commands"));
        }
        return null;
    }

    private Optional<Room> inRoom(Member me) {
        Room room = me.room();
        if (room == null) {
            me.send(lines.error("you are in no room: /join one"));
        }
        return Optional.ofNullable(room);
    }

    private String refuse(Member me, String why) {
        me.send(lines.error(why));
        return null;
    }

    private void rename(Member me, String nick, Logger log) {
        Optional<String> problem = Nicknames.problem(nick);
        if (problem.isPresent()) {
            me.send(lines.error(problem.get()));
            return;
        }
        String old = me.nick();
        if (old.equals(nick)) {
            return;
        }
        if (!nicknames.claim(nick, me)) {
            me.send(lines.error("nickname taken: " + nick));
            return;
        }
        if (!Nicknames.key(old).equals(Nicknames.key(nick))) {
            nicknames.release(old, me);
        }
        me.nick(nick);
        log.info("{} is now {}", logged(old), logged(nick));
        ByteBuffer news = lines.news(old + " is now " + nick);
        Room room = me.room();
        if (room == null) {
            me.send(news);
        } else {
            room.announce(news);
        }
    }

    private void join(Member me, String name) {
        Optional<String> problem = Rooms.problem(name);
        if (problem.isPresent()) {
            me.send(lines.error(problem.get()));
            return;
        }
        if (me.room() != null && Rooms.key(me.room().name()).equals(Rooms.key(name))) {
            me.send(lines.error("you are in " + me.room().name() + " already"));
            return;
        }
        // A room emptied as we came is gone: open it again.
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Room> room = rooms.open(name);
            if (room.isEmpty()) {
                me.send(lines.error("no room for another room (at most " + rooms.maxRooms() + ")"));
                return;
            }
            Room.Entry entry = moveTo(me, room.get());
            if (entry != Room.Entry.GONE) {
                return;
            }
        }
        me.send(lines.error("could not join " + name + ": try again"));
    }

    /** Takes {@code me} out of its room and into {@code to}, unless {@code to} is full or gone. */
    private Room.Entry moveTo(Member me, Room to) {
        Room from = me.room();
        ByteBuffer joined = lines.news(me.nick() + " joined " + to.name());
        Room.Entry entry;
        if (from == null) {
            entry = to.enter(me, joined);
        } else {
            boolean[] gone = {false};
            entry = Room.move(me, from, to, lines.news(me.nick() + " left " + from.name() + " for " + to.name()), joined, gone);
            if (gone[0]) {
                rooms.remove(from);
            }
        }
        if (entry == Room.Entry.ENTERED) {
            me.room(to);
        } else if (entry == Room.Entry.FULL) {
            me.send(lines.error(to.name() + " is full (" + to.maxMembers() + " members)"));
        }
        return entry;
    }

    private void enterLobby(Member me) {
        Room lobby = rooms.lobby();
        if (lobby.enter(me, lines.news(me.nick() + " joined " + lobby.name())) == Room.Entry.ENTERED) {
            me.room(lobby);
        } else {
            me.send(lines.error(Rooms.LOBBY + " is full (" + lobby.maxMembers() + " members): /join another room"));
        }
    }

    private void leave(Member me, String why) {
        Room room = me.room();
        if (room != null) {
            ByteBuffer news = lines.news(me.nick() + " left " + room.name() + (why.isEmpty() ? "" : " (" + why + ")"));
            if (room.leave(me, news)) {
                rooms.remove(room);
            }
            me.room(null);
        }
    }

    private void whisper(Member me, String nick, String text) {
        Optional<Member> to = nicknames.find(nick);
        if (to.isEmpty()) {
            me.send(lines.error("no one is called " + MemberText.shown(nick)));
            return;
        }
        to.get().send(lines.privateFrom(me.nick(), text));
        if (to.get() != me) {
            me.send(lines.privateTo(to.get().nick(), text));
        }
    }

    /** A nickname as a log line shows it: quoted and escaped, as the runtime shows what clients send. */
    private static String logged(String nick) {
        return Preview.of(nick, 2 * Nicknames.MAX_LENGTH);
    }

    private void help(Member me) {
        for (String line : List.of(
                "/nick NAME       take a nickname (1 to 32 characters, no spaces)",
                "/join ROOM       go to ROOM, making it if it is new",
                "/leave           go back to " + Rooms.LOBBY,
                "/rooms           list the rooms",
                "/who             list who is in your room",
                "/msg NICK TEXT   say TEXT to NICK alone",
                "/me ACTION       say what you do: * you ACTION",
                "/quit [REASON]   leave",
                "anything else goes to your room; //text says /text")) {
            me.send(lines.news(line));
        }
    }
}
