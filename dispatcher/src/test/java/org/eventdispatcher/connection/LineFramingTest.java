package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/** Line framing, over the buffered connection stream and over any other stream. */
class LineFramingTest {

    /** Hands out the given pieces, one per read, as a socket delivers segments. */
    static final class Segments extends InputStream {

        private final Deque<byte[]> pieces = new ArrayDeque<>();
        int reads;

        Segments(String... pieces) {
            for (String piece : pieces) {
                this.pieces.add(piece.getBytes(StandardCharsets.ISO_8859_1));
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            reads++;
            byte[] piece = pieces.poll();
            if (piece == null) {
                return -1;
            }
            int count = Math.min(length, piece.length);
            System.arraycopy(piece, 0, target, offset, count);
            if (count < piece.length) {
                pieces.push(Arrays.copyOfRange(piece, count, piece.length));
            }
            return count;
        }
    }

    /** The buffered stream of the connections, and a plain stream (read byte by byte). */
    static List<Function<InputStream, InputStream>> streams() {
        return List.of(in -> new LineInputStream(in, () -> { }), in -> in);
    }

    private static String next(LineFraming framing, InputStream in) throws IOException {
        return new String(framing.deserialize(in), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @MethodSource("streams")
    void linesSplitAndJoinedAnyHowComeOutWhole(Function<InputStream, InputStream> stream) throws IOException {
        LineFraming framing = new LineFraming(100);
        InputStream in = stream.apply(new Segments("DA", "D\nTOP\nM", "OM\r", "\n", "\n", "A\r\r\n"));
        assertThat(next(framing, in)).isEqualTo("DAD");
        assertThat(next(framing, in)).isEqualTo("TOP");
        assertThat(next(framing, in)).isEqualTo("MOM");
        assertThat(next(framing, in)).isEmpty();
        assertThat(next(framing, in)).isEqualTo("A\r");
        assertThatThrownBy(() -> framing.deserialize(in)).isInstanceOf(SoftEndOfStreamException.class);
    }

    @ParameterizedTest
    @MethodSource("streams")
    void theMaximumCountsTheLineWithoutItsEnd(Function<InputStream, InputStream> stream) throws IOException {
        LineFraming framing = new LineFraming(5);
        InputStream in = stream.apply(new Segments("12345\r\n12345\n123456\n"));
        assertThat(next(framing, in)).isEqualTo("12345");
        assertThat(next(framing, in)).isEqualTo("12345");
        assertThatThrownBy(() -> framing.deserialize(in)).isInstanceOf(LineTooLongException.class)
                .hasMessage("line longer than 5 bytes");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void anEndlessLineFailsAfterTheMaximumNotAtItsEnd(Function<InputStream, InputStream> stream) {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThatThrownBy(() -> new LineFraming(64 * 1024).deserialize(stream.apply(endless)))
                .isInstanceOf(LineTooLongException.class);
    }

    @ParameterizedTest
    @MethodSource("streams")
    void anEndInTheMiddleOfALineIsReported(Function<InputStream, InputStream> stream) throws IOException {
        LineFraming framing = new LineFraming(100);
        InputStream in = stream.apply(new Segments("DAD\nTO"));
        assertThat(next(framing, in)).isEqualTo("DAD");
        assertThatThrownBy(() -> framing.deserialize(in)).isInstanceOf(TruncatedLineException.class)
                .hasMessageContaining("2 bytes dropped");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void aLongLineInSmallPiecesIsAssembled(Function<InputStream, InputStream> stream) throws IOException {
        String line = "x".repeat(50_000);
        String[] pieces = new String[500];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = line.substring(i * 100, (i + 1) * 100);
        }
        pieces[pieces.length - 1] += "\nDAD\n";
        LineFraming framing = new LineFraming(LineFraming.DEFAULT_MAX_LENGTH);
        InputStream in = stream.apply(new Segments(pieces));
        assertThat(next(framing, in)).isEqualTo(line);
        assertThat(next(framing, in)).isEqualTo("DAD");
    }

    @Test
    void theHookRunsBeforeEachReadFromTheSocketOnly() throws IOException {
        Segments socket = new Segments("DAD\nTOP\n", "MOM\n");
        int[] hooks = new int[1];
        LineInputStream in = new LineInputStream(socket, () -> hooks[0]++);
        LineFraming framing = new LineFraming(100);
        assertThat(next(framing, in)).isEqualTo("DAD");
        assertThat(next(framing, in)).isEqualTo("TOP");
        assertThat(hooks[0]).isEqualTo(1);
        assertThat(next(framing, in)).isEqualTo("MOM");
        assertThat(hooks[0]).isEqualTo(2);
        assertThat(socket.reads).isEqualTo(2);
    }

    @Test
    void writesEachLineWithALineFeed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LineFraming(10).serialize("CLIMB".getBytes(StandardCharsets.US_ASCII), out);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("CLIMB\n");
    }

    @Test
    void aPlainStreamIsReadToo() throws IOException {
        InputStream in = new ByteArrayInputStream("HI\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(next(new LineFraming(10), in)).isEqualTo("HI");
    }
}
