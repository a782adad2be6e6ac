package org.eventdispatcher.protocol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * A definition file at its edges: a value continued on the next line with {@code \}, a last line
 * that ends with one, a value of two quotes alone, a line that starts with {@code =}, and a file
 * of exactly the longest length read.
 */
class DefinitionFileEdgesTest {

    @Test
    void aBackslashContinuesTheValueOnTheNextLine() throws IOException {
        ParameterRule rule = onlyRule("[p]\ntype = inte\\\nger\ndescription = one \\\nand two\n");

        assertThat(rule.type()).isEqualTo(ParameterType.INTEGER);
        assertThat(rule.description()).isEqualTo("one and two");
    }

    @Test
    void aBackslashOnTheLastLineStaysInTheValue() throws IOException {
        assertThat(onlyRule("[p]\ndescription = ends with \\").description()).isEqualTo("ends with \\");
    }

    @Test
    void twoQuotesAloneAreAnEmptyValue() throws IOException {
        assertThat(onlyRule("[p]\ndescription = \"\"\n").description()).isEmpty();
        assertThat(onlyRule("[p]\ndescription = ''\n").description()).isEmpty();
        assertThat(onlyRule("[p]\ndescription = \"\n").description()).isEqualTo("\"");
        assertThat(onlyRule("[p]\ndescription = 'x\"\n").description()).isEqualTo("'x\"");
    }

    @Test
    void aLineThatStartsWithAnEqualSignHasNoName() {
        assertThatThrownBy(() -> read("[p]\n= value\n"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("expected [parameter] or name = value");
    }

    @Test
    void aFileOfExactlyTheLongestLengthIsRead() throws IOException {
        String header = "[p]\n";
        String filler = "#".repeat(DefinitionFile.MAX_CHARS - header.length());

        assertThat(read(header + filler).rules()).hasSize(1);
        assertThatThrownBy(() -> read(header + filler + "#"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("longer than " + DefinitionFile.MAX_CHARS + " characters");
    }

    private static MessageContract read(String text) throws IOException {
        return DefinitionFile.read("CMD", "CMD.conf", new StringReader(text));
    }

    private static ParameterRule onlyRule(String text) throws IOException {
        MessageContract contract = read(text);
        assertThat(contract.rules()).hasSize(1);
        return contract.rules().get(0);
    }
}
