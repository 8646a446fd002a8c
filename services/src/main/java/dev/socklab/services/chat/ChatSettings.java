package dev.socklab.services.chat;

import java.time.Duration;

import dev.socklab.runtime.SettingException;

/**
 * The chat service's limits, each a flag of {@code socklab serve}. docs/services.md gives the
 * reasons for the defaults.
 *
 * @param history room messages a room keeps and replays to whoever joins
 * @param maxRooms rooms on the server at once, {@code lobby} included
 * @param maxMembers members in one room
 * @param maxLineBytes the longest line a member may send, in bytes, not counting its end
 * @param rate lines a member may send per second, or 0 for no limit
 * @param burst lines a member may send at once before the rate applies
 * @param sendQueueBytes bytes that may wait to be sent to one member before it is disconnected
 * @param maxLag how long bytes may wait to be sent to a member before it is disconnected
 * @param idleTimeout how long a member may send nothing before its connection is closed
 */
public record ChatSettings(int history, int maxRooms, int maxMembers, int maxLineBytes, int rate, int burst,
                           int sendQueueBytes, Duration maxLag, Duration idleTimeout) {
    /** 50 messages of history, 100 rooms of 1,000, 512-byte lines, 5 lines a second in bursts of 10, 256 KiB or 30 s behind, 30 min quiet. */
    public static final ChatSettings DEFAULTS = new ChatSettings(50, 100, 1000, 512, 5, 10, 256 * 1024,
            Duration.ofSeconds(30), Duration.ofMinutes(30));

    /** The most the byte limits may be set to: a member's line and queue are held in memory. */
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_SEND_QUEUE = 64 * 1024 * 1024;

    /** Rejects settings that cannot work, naming the flag. */
    public ChatSettings {
        atLeast("--chat-history", history, 0);
        atLeast("--chat-max-rooms", maxRooms, 1);
        atLeast("--chat-max-members", maxMembers, 1);
        atLeast("--chat-rate", rate, 0);
        atLeast("--chat-burst", burst, 1);
        if (maxLineBytes < 1 || maxLineBytes > MAX_LINE) {
            throw new SettingException("--chat-max-line must be from 1 to " + MAX_LINE + " bytes, not " + maxLineBytes);
        }
        // A member must be able to receive at least one full line, with its time and the sender's name.
        if (sendQueueBytes < 2 * maxLineBytes || sendQueueBytes > MAX_SEND_QUEUE) {
            throw new SettingException("--chat-send-queue must be from twice --chat-max-line (" + 2 * maxLineBytes
                    + " bytes) to " + MAX_SEND_QUEUE + " bytes, not " + sendQueueBytes);
        }
        positive("--chat-max-lag", maxLag);
        positive("--chat-idle-timeout", idleTimeout);
    }

    private static void atLeast(String flag, int value, int min) {
        if (value < min) {
            throw new SettingException(flag + " must be at least " + min + ", not " + value);
        }
    }

    private static void positive(String flag, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new SettingException(flag + " must be positive, not " + value);
        }
    }
}
