package org.eventdispatcher.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the {@code cache} buffer promises (PROTOCOL.md e, h.3): lines leave in the order they came,
 * within a count and a byte bound; past either the oldest goes, and every line lost is counted;
 * a line written to a connection that never proved itself comes back to the head, in order.
 */
class ReconnectBufferOrderAndBoundsTest {

    @Test
    void linesLeaveInTheOrderTheyCame() {
        ReconnectBuffer buffer = new ReconnectBuffer(10, 1000);
        buffer.add(line("A"));
        buffer.add(line("B"));
        buffer.add(line("C"));

        assertThat(drain(buffer)).containsExactly("A", "B", "C");
        assertThat(buffer.peek()).isNull();
        assertThat(buffer.size()).isZero();
        assertThat(buffer.dropped()).isZero();
    }

    @Test
    void pastTheCountTheOldestLineIsDroppedAndCounted() {
        ReconnectBuffer buffer = new ReconnectBuffer(2, 1000);

        assertThat(buffer.add(line("A"))).isZero();
        assertThat(buffer.add(line("B"))).isZero(); // exactly the count: both kept
        assertThat(buffer.add(line("C"))).isEqualTo(1);
        assertThat(buffer.add(line("D"))).isEqualTo(1);

        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(drain(buffer)).containsExactly("C", "D");
    }

    @Test
    void pastTheBytesAsManyOldLinesGoAsTheNewOneNeeds() {
        ReconnectBuffer buffer = new ReconnectBuffer(100, 10);
        buffer.add(line("aaa"));
        buffer.add(line("bbb"));
        buffer.add(line("cccc")); // 10 bytes: exactly the bound, all kept
        assertThat(buffer.size()).isEqualTo(3);

        assertThat(buffer.add(line("dddddd"))).isEqualTo(2); // 6 bytes: aaa and bbb make room

        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(drain(buffer)).containsExactly("cccc", "dddddd");
    }

    @Test
    void aLineLongerThanTheByteBoundIsDroppedAloneAndALineOfExactlyTheBoundIsKept() {
        ReconnectBuffer buffer = new ReconnectBuffer(100, 4);
        buffer.add(line("ok"));

        assertThat(buffer.add(line("12345"))).isEqualTo(1);
        assertThat(buffer.size()).isEqualTo(1); // "ok" stays
        assertThat(buffer.add(line("1234"))).isEqualTo(1); // exactly the bound: kept, "ok" made room

        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(drain(buffer)).containsExactly("1234");
    }

    @Test
    void aBufferOfNoLinesKeepsNothingAndCountsEveryLine() {
        ReconnectBuffer buffer = new ReconnectBuffer(0, 1000);

        assertThat(buffer.add(line("A"))).isEqualTo(1);
        assertThat(buffer.add(line("B"))).isEqualTo(1);

        assertThat(buffer.size()).isZero();
        assertThat(buffer.peek()).isNull();
        assertThat(buffer.dropped()).isEqualTo(2);
    }

    @Test
    void aLineSentGivesItsBytesBack() {
        ReconnectBuffer buffer = new ReconnectBuffer(100, 6);
        buffer.add(line("abc"));
        buffer.add(line("def"));
        buffer.remove();

        assertThat(buffer.add(line("ghi"))).isZero();
        assertThat(drain(buffer)).containsExactly("def", "ghi");
    }

    @Test
    void linesInFlightCountButAreNotOfferedAgain() {
        ReconnectBuffer buffer = new ReconnectBuffer(10, 1000);
        buffer.add(line("A"));
        buffer.add(line("B"));

        buffer.written();

        assertThat(text(buffer.peek())).isEqualTo("B");
        assertThat(buffer.size()).isEqualTo(2);
    }

    @Test
    void linesDeliveredAreForgottenAndGiveTheirBytesBack() {
        ReconnectBuffer buffer = new ReconnectBuffer(10, 6);
        buffer.add(line("abc"));
        buffer.add(line("def"));
        buffer.written();
        buffer.written();

        buffer.delivered();

        assertThat(buffer.size()).isZero();
        assertThat(buffer.add(line("ghijkl"))).isZero();
        buffer.undelivered(); // nothing in flight any more: nothing comes back
        assertThat(drain(buffer)).containsExactly("ghijkl");
    }

    @Test
    void linesOfAConnectionThatDiedUnprovenComeBackToTheHeadInOrder() {
        ReconnectBuffer buffer = new ReconnectBuffer(10, 1000);
        buffer.add(line("A"));
        buffer.add(line("B"));
        buffer.add(line("C"));
        buffer.written();
        buffer.written();

        buffer.undelivered();

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(drain(buffer)).containsExactly("A", "B", "C");
    }

    @Test
    void whenFullTheOldestLineInFlightGoesFirst() {
        ReconnectBuffer buffer = new ReconnectBuffer(2, 1000);
        buffer.add(line("A"));
        buffer.add(line("B"));
        buffer.written(); // A in flight

        assertThat(buffer.add(line("C"))).isEqualTo(1);

        buffer.undelivered(); // A was dropped: nothing comes back
        assertThat(drain(buffer)).containsExactly("B", "C");
    }

    @Test
    void whenFullOfBytesTheLinesInFlightGiveTheirBytesBackAsTheyGo() {
        ReconnectBuffer buffer = new ReconnectBuffer(100, 6);
        buffer.add(line("abc"));
        buffer.add(line("def"));
        buffer.written();

        assertThat(buffer.add(line("ghi"))).isEqualTo(1); // abc, in flight, made room
        assertThat(buffer.add(line("jkl"))).isEqualTo(1); // then def

        assertThat(drain(buffer)).containsExactly("ghi", "jkl");
    }

    @Test
    void clearingForgetsEveryLineAndEveryByte() {
        ReconnectBuffer buffer = new ReconnectBuffer(10, 6);
        buffer.add(line("abc"));
        buffer.add(line("def"));
        buffer.written();

        buffer.clear();

        assertThat(buffer.size()).isZero();
        buffer.undelivered();
        assertThat(buffer.peek()).isNull();
        assertThat(buffer.add(line("ghijkl"))).isZero();
        assertThat(buffer.dropped()).isZero();
    }

    private static List<String> drain(ReconnectBuffer buffer) {
        List<String> lines = new ArrayList<>();
        for (byte[] line = buffer.peek(); line != null; line = buffer.peek()) {
            lines.add(text(line));
            buffer.remove();
        }
        return lines;
    }

    private static byte[] line(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.US_ASCII);
    }
}
