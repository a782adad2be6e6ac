package org.eventdispatcher.protocol.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library's thirteen definitions (upstream's own files, written afresh) load and declare what
 * upstream's declare: every parameter, its type and its flags (notes/message-definitions.md).
 */
class LibraryDefinitionsTest {

    private final MessageDefinitions library = MessageDefinitions.ofLibrary();

    private static ParameterRule optional(String name, ParameterType type) {
        return new ParameterRule(name, type, false, false, false, "");
    }

    private List<ParameterRule> rulesOf(String command) {
        // descriptions are documentation: compared without them
        return library.find(command).orElseThrow().rules().stream()
                .map(rule -> new ParameterRule(
                        rule.name(), rule.type(), rule.required(), rule.emptyAllowed(), rule.forbidden(), ""))
                .toList();
    }

    @Test
    void everyLibraryCommandHasItsDefinitionAndNothingElseIsDefined() {
        assertThat(library.all().keySet()).containsExactlyInAnyOrderElementsOf(MessageDefinitions.LIBRARY_COMMANDS);
        assertThat(MessageDefinitions.LIBRARY_COMMANDS).hasSize(13);
    }

    @Test
    void aliveAndAbsolutelyCarryTimespecs() {
        assertThat(rulesOf("ALIVE"))
                .containsExactly(
                        optional("serial", ParameterType.STRING), optional("timestamp", ParameterType.TIMESPEC));
        assertThat(rulesOf("ABSOLUTELY"))
                .containsExactly(
                        optional("serial", ParameterType.STRING),
                        optional("timestamp", ParameterType.TIMESPEC),
                        new ParameterRule("reply_timestamp", ParameterType.TIMESPEC, true, false, false, ""));
    }

    @Test
    void commandsRequiresANonEmptyList() {
        assertThat(rulesOf("COMMANDS"))
                .containsExactly(new ParameterRule("list", ParameterType.STRING, true, false, false, ""));
    }

    @Test
    void invalidAndUnknownMayCarryACommandAndAMessage() {
        List<ParameterRule> commandAndMessage =
                List.of(optional("command", ParameterType.STRING), optional("message", ParameterType.STRING));
        assertThat(rulesOf("INVALID")).isEqualTo(commandAndMessage);
        assertThat(rulesOf("UNKNOWN")).isEqualTo(commandAndMessage);
    }

    @Test
    void readyMayCarryItsAddress() {
        assertThat(rulesOf("READY")).containsExactly(optional("my_address", ParameterType.ADDRESS));
    }

    @Test
    void serviceUnavailableRequiresBothParametersWithEmptyAllowed() {
        assertThat(rulesOf("SERVICE_UNAVAILABLE"))
                .containsExactly(
                        new ParameterRule("destination_service", ParameterType.STRING, true, true, false, ""),
                        new ParameterRule("unsent_command", ParameterType.STRING, true, true, false, ""));
    }

    @Test
    void theOthersDeclareNoParameters() {
        for (String command : List.of("HELP", "LEAK", "LOG_ROTATE", "QUITTING", "RESTART", "STOP")) {
            assertThat(rulesOf(command)).as(command).isEmpty();
        }
    }

    @Test
    void everyDeclaredParameterIsDescribed() {
        library.all().values().forEach(contract -> contract.rules().forEach(rule -> assertThat(rule.description())
                .as(contract.command() + " " + rule.name())
                .isNotBlank()));
    }
}
