package org.eventdispatcher.protocol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** A definition file read as upstream reads its own (advgetopt's .conf, two keys that mean something). */
class DefinitionFileTest {

    private static MessageContract read(String text) throws IOException {
        return DefinitionFile.read("CMD", "CMD.conf", new StringReader(text));
    }

    private static ParameterRule onlyRule(String text) throws IOException {
        MessageContract contract = read(text);
        assertThat(contract.rules()).hasSize(1);
        return contract.rules().get(0);
    }

    @Test
    void aSectionWithoutFlagsIsRequiredWithEmptyAllowed() throws IOException {
        assertThat(onlyRule("[p]\ndescription = a parameter\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, true, true, false, "a parameter"));
    }

    @Test
    void anExplicitFlagsLineStartsFromNothing() throws IOException {
        assertThat(onlyRule("[p]\nflags = optional\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, false, false, false, ""));
        assertThat(onlyRule("[p]\nflags = required\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, true, false, false, ""));
        assertThat(onlyRule("[p]\nflags = empty\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, false, true, false, ""));
        assertThat(onlyRule("[p]\nflags = forbidden\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, false, false, true, ""));
    }

    @Test
    void flagsCombineAndTheMeaninglessOnesAreAccepted() throws IOException {
        assertThat(onlyRule("[p]\nflags = required, empty\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, true, true, false, ""));
        assertThat(onlyRule("[p]\nflags = optional,defined,allowed\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, false, false, false, ""));
        assertThat(onlyRule("[p]\nflags = defined,forbidden,allowed\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, false, false, true, ""));
    }

    @Test
    void everyTypeUpstreamNamesIsRead() throws IOException {
        assertThat(onlyRule("[p]\ntype = string\n").type()).isEqualTo(ParameterType.STRING);
        assertThat(onlyRule("[p]\ntype = default\n").type()).isEqualTo(ParameterType.STRING);
        assertThat(onlyRule("[p]\ntype = integer\n").type()).isEqualTo(ParameterType.INTEGER);
        assertThat(onlyRule("[p]\ntype = address\n").type()).isEqualTo(ParameterType.ADDRESS);
        assertThat(onlyRule("[p]\ntype = timespec\n").type()).isEqualTo(ParameterType.TIMESPEC);
        assertThat(onlyRule("[p]\n").type()).isEqualTo(ParameterType.STRING);
    }

    @Test
    void anUnknownTypeIsAnErrorNamingTheFileAndItsLine() {
        assertThatThrownBy(() -> read("# a comment\n[p]\ntype = float\n"))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("CMD.conf:3: [p]: parameter type \"float\" is not one of string, default, integer,"
                        + " address, timespec")
                .satisfies(e -> {
                    assertThat(((DefinitionException) e).file()).isEqualTo("CMD.conf");
                    assertThat(((DefinitionException) e).line()).isEqualTo(3);
                });
        assertThatThrownBy(() -> read("[p]\ntype = Integer\n"))
                .hasMessageStartingWith("CMD.conf:2: [p]: parameter type \"Integer\"");
    }

    @Test
    void anUnknownFlagIsAnErrorNamingTheFileAndItsLine() {
        assertThatThrownBy(() -> read("[a]\n\n[b]\nflags = required,mandatory\n"))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("CMD.conf:4: [b]: flag \"mandatory\" is not one of required, empty, forbidden,"
                        + " optional, defined, allowed");
    }

    @Test
    void dashesInASectionNameBecomeUnderscores() throws IOException {
        assertThat(onlyRule("[reply-timestamp]\ntype = timespec\n").name()).isEqualTo("reply_timestamp");
    }

    @Test
    void otherKeysCommentsAndModelinesAreIgnoredAsUpstreamDoes() throws IOException {
        MessageContract contract = read("""
                # vim: syntax=dosini
                ; another comment
                [command]
                descro[topm = an optional message about the error
                flags = optional
                colour = blue

                [message]
                description = "what was wrong"
                flags = optional
                # vim: syntax=dosini
                """);
        assertThat(contract.rules())
                .containsExactly(
                        new ParameterRule("command", ParameterType.STRING, false, false, false, ""),
                        new ParameterRule("message", ParameterType.STRING, false, false, false, "what was wrong"));
    }

    @Test
    void aFileOfCommentsOnlyDeclaresNoParameters() throws IOException {
        MessageContract contract = read("# HELP: no parameters.\n# vim: syntax=dosini\n");
        assertThat(contract.rules()).isEmpty();
        assertThat(contract.command()).isEqualTo("CMD");
        assertThat(contract.source()).isEqualTo("CMD.conf");
    }

    @Test
    void theLastValueOfAKeyCountsAndALineMayBeContinued() throws IOException {
        assertThat(onlyRule("[p]\ntype = integer\ntype = timespec\nflags = optional,\\\n  empty\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.TIMESPEC, false, true, false, ""));
        assertThat(onlyRule("[p]\n\\\n\nflags = empty\n"))
                .isEqualTo(new ParameterRule("p", ParameterType.STRING, false, true, false, ""));
    }

    @Test
    void linesThatAreNeitherSectionsNorValuesAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> read("[p]\nflags optional\n"))
                .hasMessage("CMD.conf:2: expected [parameter] or name = value");
        assertThatThrownBy(() -> read("type = integer\n"))
                .hasMessage("CMD.conf:1: a value before the first [parameter]");
        assertThatThrownBy(() -> read("\n[p\n")).hasMessage("CMD.conf:2: a [parameter] line without its ']'");
        assertThatThrownBy(() -> read("[p q]\n"))
                .hasMessage("CMD.conf:1: [p q] is not a parameter name (a-z, A-Z, 0-9, _ and -)");
    }

    @Test
    void aFileNamedAfterNoCommandIsRefusedAsAWhole() {
        assertThatThrownBy(() -> DefinitionFile.read("readme", "readme.conf", new StringReader("")))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("readme.conf: \"readme\" is not a command name (A-Z, 0-9 and _): not a definition"
                        + " file name");
    }

    @Test
    void aFileLongerThanTheBoundIsRefusedWithoutReadingItAll() {
        String endless = "# " + "x".repeat(DefinitionFile.MAX_CHARS) + "\n";
        assertThatThrownBy(() -> read(endless))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("longer than " + DefinitionFile.MAX_CHARS + " characters");
        String continued = "# x\\\n".repeat(DefinitionFile.MAX_CHARS / 4);
        assertThatThrownBy(() -> read(continued))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("longer than " + DefinitionFile.MAX_CHARS + " characters");
    }
}
