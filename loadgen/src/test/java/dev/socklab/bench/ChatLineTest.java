package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Reading the chat server's lines as the bench does, without sockets. */
class ChatLineTest {
    private final ChatRoom room = new ChatRoom("bench-0badcafe");
    private final ChatLine line = room.reader();

    @Test
    void aMessageOfTheRunIsReadWithItsSenderSequenceAndSendTime() {
        assertThat(read("[09:30:01] <guest-8> bench-0badcafe 7 1207 812341234123 ........\r")).isEqualTo(ChatLine.Kind.MESSAGE);
        assertThat(line.sender).isEqualTo(7);
        assertThat(line.sequence).isEqualTo(1207);
        assertThat(line.sentAt).isEqualTo(812341234123L);
    }

    @Test
    void aNegativeSendTimeIsASendTime() {
        assertThat(read("[09:30:01] <alice> bench-0badcafe 0 0 -5")).isEqualTo(ChatLine.Kind.MESSAGE);
        assertThat(line.sentAt).isEqualTo(-5);
    }

    @Test
    void whatTheRoomWritesReadsBackAsTheSameMessage() {
        ByteBuffer out = ByteBuffer.allocate(200);
        room.writeMessage(out, 42, 9_000_000_000L, -123_456_789_012L, ChatLine.MIN_TEXT);
        String sent = new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII);

        assertThat(sent).hasSize(ChatLine.MIN_TEXT + 1).endsWith("\n").startsWith("bench-0badcafe 42 9000000000 -123456789012 ");
        assertThat(read("[23:59:59] <guest-1000> " + sent.strip())).isEqualTo(ChatLine.Kind.MESSAGE);
        assertThat(line.sender).isEqualTo(42);
        assertThat(line.sequence).isEqualTo(9_000_000_000L);
        assertThat(line.sentAt).isEqualTo(-123_456_789_012L);
    }

    @Test
    void theLongestNumbersFitTheShortestMessage() {
        ByteBuffer out = ByteBuffer.allocate(200);
        room.writeMessage(out, BenchPlan.MAX_CONNECTIONS - 1, 999_999_999_999_999_999L, -999_999_999_999_999_999L,
                ChatLine.MIN_TEXT);

        assertThat(out.position()).isEqualTo(ChatLine.MIN_TEXT + 1);
    }

    @Test
    void aJoinToTheRunsRoomIsTold() {
        assertThat(read("[09:30:01] -- guest-3 joined bench-0badcafe")).isEqualTo(ChatLine.Kind.JOINED);
        assertThat(read("[09:30:01] -- bob joined bench-0badcafe\r")).isEqualTo(ChatLine.Kind.JOINED);
    }

    @Test
    void theMarkerAndWarningsAreTold() {
        assertThat(read("[09:30:01] <guest-1> bench-0badcafe ready 17")).isEqualTo(ChatLine.Kind.MARKER);
        assertThat(line.sender).isEqualTo(17);
        assertThat(read("[09:30:01] <guest-1> " + new String(room.markerLine(3), StandardCharsets.US_ASCII).strip()))
                .isEqualTo(ChatLine.Kind.MARKER);
        assertThat(line.sender).isEqualTo(3);
        assertThat(read("[09:30:01] !! disconnected: flooding\r")).isEqualTo(ChatLine.Kind.WARNING);
        assertThat(line.text()).isEqualTo("!! disconnected: flooding");
    }

    @Test
    void everyOtherLineIsOther() {
        for (String other : new String[] {
                "[09:30:01] -- welcome to socklab chat, guest-3: /help lists the commands",
                "[09:30:01] -- guest-3 joined lobby",
                "[09:30:01] -- guest-3 joined bench-0badcafe2", // another room
                "[09:30:01] -- guest-3 joined xbench-0badcafe",
                "[09:30:01] --  joined bench-0badcafe",
                "[09:30:01] -- guest-3 left bench-0badcafe",
                "[09:30:01] <bob> joined bench-0badcafe", // said, not news
                "[09:30:01] <bob> hello",
                "[09:30:01] <bob> bench-0badcafe readyish",
                "[09:30:01] <bob> bench-0badcafe ready", // a marker with no member
                "[09:30:01] <bob> bench-0badcafe ready 3x",
                "[09:30:01] <bob> bench-0badcafe ready 3 4",
                "[09:30:01] <bob> bench-12345678 1 2 3", // another run's room
                "[09:30:01] <bob> bench-0badcafe 1 2", // no send time
                "[09:30:01] <bob> bench-0badcafe 1 2 3x",
                "[09:30:01] <bob> bench-0badcafe 1 2 1234567890123456789", // more digits than the bench writes
                "[09:30:01] * bob bench-0badcafe 1 2 3", // an action
                "[09:30:01] *bob* bench-0badcafe 1 2 3", // a private message
                "[09:30:01]<bob> bench-0badcafe 1 2 3",
                "<bob> bench-0badcafe 1 2 3",
                "bench-0badcafe 1 2 3",
                "",
                "[",
                "[09:30:01] <bob bench-0badcafe 1 2 3"}) {
            assertThat(read(other)).as(other).isEqualTo(ChatLine.Kind.OTHER);
        }
    }

    @Test
    void onlyTheLineBetweenItsBoundsIsRead() {
        byte[] bytes = "xx[09:30:01] <a> bench-0badcafe 1 2 3 yy".getBytes(StandardCharsets.US_ASCII);

        assertThat(line.read(bytes, 0, bytes.length - 3)).isEqualTo(ChatLine.Kind.OTHER);
        assertThat(line.read(bytes, 2, bytes.length - 3)).isEqualTo(ChatLine.Kind.MESSAGE);
        assertThat(line.sentAt).isEqualTo(3);
    }

    private ChatLine.Kind read(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return line.read(bytes, 0, bytes.length);
    }
}
