package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The event loops' line framing, fed segment by segment as a non-blocking socket delivers them. */
class LineBufferTest {

    /** One segment per read; an empty segment is a read that finds nothing; then the end of the stream. */
    static final class Segments implements ReadableByteChannel {

        private final Deque<ByteBuffer> pieces = new ArrayDeque<>();

        Segments(String... pieces) {
            for (String piece : pieces) {
                this.pieces.add(ByteBuffer.wrap(piece.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }

        @Override
        public int read(ByteBuffer target) {
            ByteBuffer piece = pieces.peek();
            if (piece == null) {
                return -1;
            }
            int count = Math.min(target.remaining(), piece.remaining());
            ByteBuffer slice = piece.slice();
            slice.limit(count);
            target.put(slice);
            piece.position(piece.position() + count);
            if (!piece.hasRemaining()) {
                pieces.poll();
            }
            return count;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Reads until the end of the stream, taking every whole line as it comes. */
    private static List<String> lines(LineBuffer buffer, int maxLength, ReadableByteChannel channel) throws Exception {
        List<String> lines = new ArrayList<>();
        while (true) {
            byte[] line;
            while ((line = buffer.nextLine(maxLength)) != null) {
                lines.add(new String(line, StandardCharsets.ISO_8859_1));
            }
            if (buffer.readFrom(channel, maxLength) < 0) {
                return lines;
            }
        }
    }

    @Test
    void linesEndWithALineFeedAndLoseOneCarriageReturnBeforeIt() throws Exception {
        LineBuffer buffer = new LineBuffer();
        assertThat(lines(buffer, 100, new Segments("DAD\nTOP\r\nMOM\r\r\n\n"))).containsExactly("DAD", "TOP", "MOM\r", "");
        assertThat(buffer.buffered()).isZero();
    }

    @Test
    void aLineSplitOverSegmentsAndSegmentsHoldingSeveralLines() throws Exception {
        LineBuffer buffer = new LineBuffer();
        assertThat(lines(buffer, 100, new Segments("D", "", "A", "D\r", "\nTO", "P\nMOM\nHE", "LP\n")))
                .containsExactly("DAD", "TOP", "MOM", "HELP");
    }

    @Test
    void whatFollowsTheLastLineFeedStaysBuffered() throws Exception {
        LineBuffer buffer = new LineBuffer();
        assertThat(lines(buffer, 100, new Segments("DAD\nTO"))).containsExactly("DAD");
        assertThat(buffer.buffered()).isEqualTo(2);
    }

    @Test
    void aLineOfExactlyTheMaximumIsAcceptedWithOrWithoutCarriageReturn() throws Exception {
        String longest = "x".repeat(3000);
        LineBuffer buffer = new LineBuffer();
        assertThat(lines(buffer, 3000, new Segments(longest + "\r\n", longest + "\n"))).containsExactly(longest, longest);
    }

    @Test
    void aLineLongerThanTheMaximumFailsOnceItsLengthIsKnown() throws Exception {
        LineBuffer buffer = new LineBuffer();
        Segments endless = new Segments("y".repeat(5000));
        assertThatThrownBy(() -> lines(buffer, 3000, endless)).isInstanceOf(LineTooLongException.class)
                .hasMessage("line longer than 3000 bytes");
        LineBuffer terminated = new LineBuffer();
        assertThatThrownBy(() -> lines(terminated, 3000, new Segments("z".repeat(3001) + "\n")))
                .isInstanceOf(LineTooLongException.class);
    }

    @Test
    void aLongLineAfterShortOnesIsAssembledAcrossManyReads() throws Exception {
        String longLine = "DAD padding=" + "p".repeat(60_000);
        List<String> segments = new ArrayList<>();
        segments.add("TOP\n");
        for (int i = 0; i < longLine.length(); i += 700) {
            segments.add(longLine.substring(i, Math.min(longLine.length(), i + 700)));
        }
        segments.add("\nMOM\n");
        LineBuffer buffer = new LineBuffer();
        assertThat(lines(buffer, 64 * 1024, new Segments(segments.toArray(String[]::new)))).containsExactly("TOP", longLine, "MOM");
    }
}
