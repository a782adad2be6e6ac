package org.eventdispatcher.tcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.link.ReconnectBuffer;
import org.junit.jupiter.api.Test;

/** The outbox alone, its connections lines in a list: what goes where, and in which order. */
class OutboxTest {

    /** Each line it takes, as text; refuses every line once {@link #broken}. */
    static final class RecordingWire implements Outbox.Wire {
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile boolean broken;

        @Override
        public boolean write(byte[] line) {
            if (broken) {
                return false;
            }
            lines.add(new String(line, StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public String address() {
            return "server:1";
        }
    }

    private final List<Outbox.Wire> awaited = new CopyOnWriteArrayList<>();
    private final Outbox outbox = new Outbox(new ReconnectBuffer(100, 10_000), () -> "server:1", awaited::add);

    @Test
    void linesSentWithCacheWhileDisconnectedGoFirstOnTheNextConnectionThenTheNewOnes() {
        send("ONE", true);
        send("TWO", true);
        RecordingWire wire = new RecordingWire();

        outbox.opening(wire);
        send("WHILE-OPENING", false);
        outbox.flush(wire);
        send("AFTER", false);

        assertThat(wire.lines).containsExactly("ONE", "TWO", "WHILE-OPENING", "AFTER");
    }

    @Test
    void aLineSentWithoutCacheWhileDisconnectedIsRefused() {
        assertThatThrownBy(() -> send("NOW", false))
                .isInstanceOf(NotConnectedException.class)
                .hasMessageContaining("not connected to server:1: NOW not sent");
        assertThat(outbox.buffered()).isZero();
    }

    @Test
    void bufferedLinesStayInFlightUntilTheConnectionProvesItself() {
        send("ONE", true);
        RecordingWire first = new RecordingWire();
        outbox.opening(first);
        outbox.flush(first);
        assertThat(outbox.buffered()).as("in flight").isEqualTo(1);

        assertThat(outbox.proven(first)).as("the first line proves it").isTrue();
        assertThat(outbox.proven(first)).as("once").isFalse();
        assertThat(outbox.buffered()).isZero();
        assertThat(outbox.closed(first)).as("it had proven itself").isTrue();
    }

    @Test
    void linesWrittenToAConnectionThatDiesBeforeProvingItselfGoFirstOnTheNextInOrder() {
        send("ONE", true);
        send("TWO", true);
        RecordingWire first = new RecordingWire();
        outbox.opening(first);
        outbox.flush(first);
        assertThat(outbox.closed(first)).isFalse();
        send("THREE", true);

        RecordingWire second = new RecordingWire();
        outbox.opening(second);
        outbox.flush(second);

        assertThat(first.lines).containsExactly("ONE", "TWO");
        assertThat(second.lines).containsExactly("ONE", "TWO", "THREE");
    }

    @Test
    void aLineTheConnectionDoesNotTakeIsKeptWhenSentWithCacheAndRefusedWithout() {
        RecordingWire wire = new RecordingWire();
        outbox.opening(wire);
        outbox.flush(wire);
        wire.broken = true;

        assertThatThrownBy(() -> send("LOST", false)).isInstanceOf(NotConnectedException.class);
        send("KEPT", true);
        assertThatThrownBy(() -> send("LATER", false))
                .as("the connection is closing")
                .isInstanceOf(NotConnectedException.class);
        outbox.closed(wire);

        RecordingWire next = new RecordingWire();
        outbox.opening(next);
        outbox.flush(next);
        assertThat(next.lines).containsExactly("KEPT");
    }

    @Test
    void aFlushStopsAtTheFirstLineTheConnectionDoesNotTakeAndLeavesItAtTheHead() {
        send("ONE", true);
        send("TWO", true);
        RecordingWire broken = new RecordingWire();
        broken.broken = true;
        outbox.opening(broken);
        outbox.flush(broken);
        outbox.closed(broken);

        RecordingWire next = new RecordingWire();
        outbox.opening(next);
        outbox.flush(next);
        assertThat(next.lines).containsExactly("ONE", "TWO");
    }

    @Test
    void afterFinishEveryLineIsRefusedAndNothingIsKept() {
        send("ONE", true);

        outbox.finish();

        assertThat(outbox.buffered()).isZero();
        assertThatThrownBy(() -> send("LATE", true))
                .isInstanceOf(NotConnectedException.class)
                .hasMessageContaining("the conversation with server:1 is over: LATE not sent");
        outbox.start();
        send("AGAIN", true);
        assertThat(outbox.buffered()).isEqualTo(1);
    }

    @Test
    void eachLineAwaitingAnAnswerIsToldBeforeItIsWrittenAndOnlyThose() {
        send("BUFFERED", true);
        RecordingWire wire = new RecordingWire();
        outbox.opening(wire);
        outbox.flush(wire);
        outbox.send(bytes("ANSWERED"), "ANSWERED", true, false);
        outbox.send(bytes("NEVER"), "NEVER", false, false);

        assertThat(awaited).containsExactly(wire, wire);
    }

    @Test
    void pastTheBoundsTheOldestLinesAreDroppedAndCounted() {
        Outbox small = new Outbox(new ReconnectBuffer(2, 10_000), () -> "server:1", awaited::add);
        for (String line : List.of("ONE", "TWO", "THREE")) {
            small.send(bytes(line), line, false, true);
        }
        RecordingWire wire = new RecordingWire();
        small.opening(wire);
        small.flush(wire);

        assertThat(small.dropped()).isEqualTo(1);
        assertThat(wire.lines).containsExactly("TWO", "THREE");
    }

    private void send(String line, boolean cache) {
        outbox.send(bytes(line), line, true, cache);
    }

    private static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }
}
