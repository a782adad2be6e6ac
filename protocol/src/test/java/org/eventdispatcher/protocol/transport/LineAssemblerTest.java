package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {

    @Test
    void linesEndWithLineFeedAndLoseOneCarriageReturnJustBeforeIt() throws LineTooLongException {
        assertThat(lines(new LineAssembler(100), "HI\nDAD\r\n\nX a=cr\r\r\nmid\rdle\n"))
                .containsExactly("HI", "DAD", "", "X a=cr\r", "mid\rdle");
    }

    @Test
    void aLineOfTheMaximumIsTakenWithOrWithoutItsCarriageReturn() throws LineTooLongException {
        assertThat(lines(new LineAssembler(4), "1234\n1234\r\n")).containsExactly("1234", "1234");
    }

    @Test
    void oneByteMoreIsTooLongWhetherOrNotItsTerminatorHasCome() throws LineTooLongException {
        LineAssembler assembler = new LineAssembler(4);
        assertThatExceptionOfType(LineTooLongException.class)
                .isThrownBy(() -> lines(assembler, "12345\n"))
                .satisfies(e -> assertThat(e.maxLength()).isEqualTo(4));
        LineAssembler endless = new LineAssembler(4);
        assertThatExceptionOfType(LineTooLongException.class).isThrownBy(() -> lines(endless, "123456"));
        assertThat(endless.pending()).as("what was gathered is dropped").isZero();
        assertThat(lines(endless, "ok\n")).containsExactly("ok");
    }

    @Test
    void whatAPeerLeavesWithoutATerminatorIsPendingUntilTaken() throws LineTooLongException {
        LineAssembler assembler = new LineAssembler(100);
        assertThat(lines(assembler, "BYE\nCUT")).containsExactly("BYE");
        assertThat(assembler.pending()).isEqualTo(3);
        assertThat(new String(assembler.takePending(), StandardCharsets.UTF_8)).isEqualTo("CUT");
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void longLinesUpToAMegabyteComeWhole() throws LineTooLongException {
        String big = "x".repeat(1 << 20);
        assertThat(lines(new LineAssembler(1 << 20), big + "\nsmall\n")).containsExactly(big, "small");
    }

    private static List<String> lines(LineAssembler assembler, String stream) throws LineTooLongException {
        List<String> lines = new ArrayList<>();
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            byte[] line = assembler.add(b);
            if (line != null) {
                lines.add(new String(line, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
