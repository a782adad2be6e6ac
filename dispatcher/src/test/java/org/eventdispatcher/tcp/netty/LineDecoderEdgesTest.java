package org.eventdispatcher.tcp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.protocol.transport.LineTooLongException;
import org.junit.jupiter.api.Test;

/**
 * The edges of line framing (PROTOCOL.md a.3, g.5) as the server's decoder cuts them: a line of
 * exactly the maximum, with or without its {@code \r}, a line one byte longer, a line that comes in
 * pieces, what follows a line refused, and bytes cut off by the peer's close. On Netty's
 * {@link EmbeddedChannel}, which runs the decoder as a socket's pipeline would, a read at a time.
 */
class LineDecoderEdgesTest {

    private static final int MAX = 8;

    private final LineDecoder decoder = new LineDecoder(MAX);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @Test
    void eachLineIsItsOwnMessageWithoutItsLineFeed() {
        read("one\ntwo\n\nthree\n");

        assertThat(lines()).containsExactly("one", "two", "", "three");
    }

    @Test
    void aCarriageReturnIsDroppedOnlyJustBeforeTheLineFeed() {
        read("a\r\n\r\nb\rc\n\r\r\n");

        assertThat(lines()).containsExactly("a", "", "b\rc", "\r");
    }

    @Test
    void aLineOfExactlyTheMaximumIsReadWithOrWithoutItsCarriageReturn() {
        read("12345678\n12345678\r\n");

        assertThat(lines()).containsExactly("12345678", "12345678");
    }

    @Test
    void aLineOneByteTooLongIsRefusedAndTheNextLineStillRead() {
        assertThatThrownBy(() -> read("ok\n123456789\n"))
                .isInstanceOf(DecoderException.class)
                .cause()
                .isInstanceOf(LineTooLongException.class)
                .hasMessage("line longer than 8 bytes");
        assertThat(lines()).containsExactly("ok");

        read("next\n");

        assertThat(lines()).containsExactly("next");
    }

    @Test
    void aLineInPiecesIsReadWholeOnceItsLineFeedComes() {
        read("ab");
        assertThat(decoder.hasPartialLine()).isTrue();
        read("cd");
        read("e\nf");
        assertThat(decoder.hasPartialLine()).isTrue();
        read("g\nh\n");

        assertThat(decoder.hasPartialLine()).isFalse();
        assertThat(lines()).containsExactly("abcde", "fg", "h");
    }

    @Test
    void aCarriageReturnThatEndsOneReadIsDroppedWhenTheLineFeedStartsTheNext() {
        read("12345678\r");
        read("\n");

        assertThat(lines()).containsExactly("12345678");
    }

    @Test
    void bytesWaitForTheirLineFeedUpToTheMaximumAndItsCarriageReturn() {
        read("12345678");
        read("\r"); // MAX + 1 bytes pending: may still be a line of the maximum
        assertThat(lines()).isEmpty();

        read("\n");

        assertThat(lines()).containsExactly("12345678");
    }

    @Test
    void pendingBytesPastTheMaximumAreRefusedAtOnceAndForgotten() {
        read("1234");

        assertThatThrownBy(() -> read("567890"))
                .isInstanceOf(DecoderException.class)
                .cause()
                .isInstanceOf(LineTooLongException.class);
        assertThat(decoder.hasPartialLine()).isFalse();

        read("ok\n");

        assertThat(lines()).containsExactly("ok");
    }

    @Test
    void bytesLeftWithoutALineFeedWhenThePeerClosesAreCutOffAndCounted() {
        read("whole\npart");

        assertThatThrownBy(channel::finish)
                .isInstanceOf(DecoderException.class)
                .cause()
                .isInstanceOf(TruncatedLineException.class)
                .hasMessageContaining("(4 bytes dropped)");
        assertThat(lines()).containsExactly("whole");
    }

    @Test
    void aPeerThatClosesAfterAWholeLineLosesNothing() {
        read("whole\n");

        assertThat(channel.finish()).isTrue();

        assertThat(lines()).containsExactly("whole");
    }

    private void read(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (byte[] line = channel.readInbound(); line != null; line = channel.readInbound()) {
            lines.add(new String(line, StandardCharsets.ISO_8859_1));
        }
        return lines;
    }
}
