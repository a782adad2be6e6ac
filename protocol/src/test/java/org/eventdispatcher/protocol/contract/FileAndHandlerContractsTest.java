package org.eventdispatcher.protocol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A command's contract from a definition file joined with its handler's declared parameters
 * (PROTOCOL.md b.4): where both name a parameter they must promise the same flags, and the handler
 * the file's type or a narrower one; otherwise the daemon does not start, and the message names
 * every disagreement with both sources.
 */
class FileAndHandlerContractsTest {

    @Test
    void theJoinedContractKeepsBothRulesTheHandlersWinningWhereBothNameAParameter() {
        MessageContract file =
                contract("a.def", rule("name", ParameterType.STRING), rule("ttl", ParameterType.INTEGER));
        MessageContract code =
                contract("handler set", rule("ttl", ParameterType.INT32), rule("owner", ParameterType.ADDRESS));

        MessageContract joined = file.with(code);

        assertThat(joined.command()).isEqualTo("SET");
        assertThat(joined.source()).isEqualTo("a.def and handler set");
        assertThat(joined.rules())
                .containsExactly(
                        rule("name", ParameterType.STRING),
                        rule("ttl", ParameterType.INT32),
                        rule("owner", ParameterType.ADDRESS));
    }

    @ParameterizedTest
    @CsvSource({
        "STRING, STRING",
        "STRING, INTEGER",
        "STRING, BOOLEAN",
        "INTEGER, INTEGER",
        "INTEGER, INT32",
        "ADDRESS, ADDRESS",
        "TIMESPEC, TIMESPEC",
    })
    void aHandlerMayTakeTheFilesTypeOrANarrowerOne(ParameterType declared, ParameterType taken) {
        assertThat(taken.keeps(declared)).isTrue();
        MessageContract joined = contract("a.def", rule("p", declared)).with(contract("handler", rule("p", taken)));
        assertThat(joined.rules()).containsExactly(rule("p", taken));
    }

    @ParameterizedTest
    @CsvSource({
        "INTEGER, STRING, integer, string",
        "INTEGER, TIMESPEC, integer, timespec",
        "ADDRESS, STRING, address, string",
        "TIMESPEC, INTEGER, timespec, integer",
        "INTEGER, BOOLEAN, integer, boolean",
        "ADDRESS, INT32, address, int32",
    })
    void aHandlerTypeWiderThanTheFilesOrAnotherIsAContradiction(
            ParameterType declared, ParameterType taken, String declaredName, String takenName) {
        assertThat(taken.keeps(declared)).isFalse();
        MessageContract file = contract("a.def", rule("p", declared));
        MessageContract code = contract("handler", rule("p", taken));

        assertThatThrownBy(() -> file.with(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the contract of SET contradicts itself: p is " + declaredName
                        + " (required,empty) in a.def but " + takenName + " (required,empty) in handler");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "true  | false | false | required",
                "false | true  | false | empty",
                "false | false | true  | forbidden",
                "true  | false | true  | required,forbidden",
                "false | true  | true  | empty,forbidden",
                "true  | true  | true  | required,empty,forbidden",
                "false | false | false | optional",
            })
    void flagsThatDifferInAnyOneWayAreAContradictionNamedAsAFileWritesThem(
            boolean required, boolean empty, boolean forbidden, String written) {
        ParameterRule declared = new ParameterRule("p", ParameterType.STRING, required, empty, forbidden, "");
        ParameterRule[] others = {
            new ParameterRule("p", ParameterType.STRING, !required, empty, forbidden, ""),
            new ParameterRule("p", ParameterType.STRING, required, !empty, forbidden, ""),
            new ParameterRule("p", ParameterType.STRING, required, empty, !forbidden, "")
        };
        for (ParameterRule other : others) {
            assertThatThrownBy(() -> contract("a.def", declared).with(contract("handler", other)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("p is string (" + written + ") in a.def but string (");
        }
    }

    @Test
    void everyDisagreementIsNamedInOneMessage() {
        MessageContract file = contract("a.def", rule("a", ParameterType.INTEGER), rule("b", ParameterType.INTEGER));
        MessageContract code = contract(
                "handler",
                new ParameterRule("a", ParameterType.INTEGER, false, false, false, ""),
                rule("b", ParameterType.STRING));

        assertThatThrownBy(() -> file.with(code))
                .hasMessage("the contract of SET contradicts itself: a is integer (required,empty) in a.def but integer"
                        + " (optional) in handler; b is integer (required,empty) in a.def but string (required,empty)"
                        + " in handler");
    }

    private static MessageContract contract(String source, ParameterRule... rules) {
        return new MessageContract("SET", List.of(rules), source);
    }

    private static ParameterRule rule(String name, ParameterType type) {
        return ParameterRule.ofDefaultFlags(name, type, "");
    }
}
