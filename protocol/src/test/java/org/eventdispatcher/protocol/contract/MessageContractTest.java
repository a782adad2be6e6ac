package org.eventdispatcher.protocol.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;

/** A command's rules together: every violation, in the order declared; undeclared parameters pass. */
class MessageContractTest {

    private final MessageContract contract = new MessageContract(
            "SET",
            List.of(
                    new ParameterRule("name", ParameterType.STRING, true, false, false, ""),
                    new ParameterRule("ttl", ParameterType.INTEGER, false, false, false, ""),
                    new ParameterRule("when", ParameterType.TIMESPEC, false, true, false, ""),
                    new ParameterRule("debug", ParameterType.STRING, false, false, true, "")),
            "SET.conf");

    @Test
    void aMessageThatKeepsTheContractHasNoViolation() {
        assertThat(contract.violations(Message.builder("SET")
                        .parameter("name", "x")
                        .parameter("ttl", "5")
                        .parameter("when", "")
                        .build()))
                .isEmpty();
    }

    @Test
    void everyViolationIsNamedInTheOrderTheRulesAreDeclared() {
        Message message = Message.builder("SET")
                .parameter("ttl", "")
                .parameter("when", "soon")
                .parameter("debug", "1")
                .build();
        assertThat(contract.violations(message))
                .containsExactly(
                        "missing required parameter name",
                        "empty parameter ttl",
                        "parameter when is not a timespec (seconds[.fraction]): \"soon\"",
                        "forbidden parameter debug");
    }

    @Test
    void parametersTheContractDoesNotNameAreAccepted() {
        assertThat(contract.violations(Message.builder("SET")
                        .parameter("name", "x")
                        .parameter("colour", "")
                        .parameter("anything", "at all")
                        .build()))
                .isEmpty();
    }

    @Test
    void aContractWithoutRulesAcceptsEveryMessage() {
        assertThat(new MessageContract("HELP", List.of(), "HELP.conf")
                        .violations(Message.builder("HELP").parameter("x", "y").build()))
                .isEmpty();
    }
}
