package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the client and signal-cli read after a line refused as too long (PROTOCOL.md g.5): the
 * next line starts clean, whether the long one was refused at its terminator or before it; and
 * the smallest maximum is one byte.
 */
class LineAssemblerAfterARefusedLineTest {

    @Test
    void aLineRefusedAtItsTerminatorLeavesNothingBehind() throws LineTooLongException {
        LineAssembler lines = new LineAssembler(4);
        feed(lines, "12345"); // may still be 1234 and its \r

        assertThatThrownBy(() -> lines.add((byte) '\n')).isInstanceOf(LineTooLongException.class);

        assertThat(lines.pending()).isZero();
        assertThat(feed(lines, "ab\n")).isEqualTo("ab");
    }

    @Test
    void aLineRefusedBeforeItsTerminatorLeavesNothingBehind() throws LineTooLongException {
        LineAssembler lines = new LineAssembler(4);
        feed(lines, "12345");

        assertThatThrownBy(() -> lines.add((byte) '6')).isInstanceOf(LineTooLongException.class);

        assertThat(feed(lines, "ab\n")).isEqualTo("ab");
    }

    @Test
    void aLongLineOnceReadLeavesTheNextOnesWhole() throws LineTooLongException {
        LineAssembler lines = new LineAssembler(64 * 1024);
        String longLine = "x".repeat(20_000);

        assertThat(feed(lines, longLine + "\n")).isEqualTo(longLine);
        assertThat(feed(lines, "short\n")).isEqualTo("short");
        assertThat(feed(lines, longLine + "\r\n")).isEqualTo(longLine);
    }

    @Test
    void theSmallestMaximumIsOneByte() throws LineTooLongException {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LineAssembler(0))
                .withMessage("the maximum line length must be at least 1, not 0");
        assertThat(feed(new LineAssembler(1), "a\r\n")).isEqualTo("a");
    }

    /** The line the last byte ended, or null. */
    private static String feed(LineAssembler lines, String text) throws LineTooLongException {
        byte[] line = null;
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            line = lines.add(b);
        }
        return line == null ? null : new String(line, StandardCharsets.US_ASCII);
    }
}
