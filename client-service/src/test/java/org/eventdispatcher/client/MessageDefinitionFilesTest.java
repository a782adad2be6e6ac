package org.eventdispatcher.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.contract.ApplicationDefinitions;
import org.eventdispatcher.protocol.contract.MessageContract;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.eventdispatcher.protocol.contract.MessageDefinitions.Source;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The client declares its commands where the dispatcher reads an application's definitions
 * ({@link MessageDefinitions#APPLICATION_RESOURCES}): each file loads, and each command it
 * handles has one, saying that it takes no parameters.
 */
class MessageDefinitionFilesTest {

    private static List<Source> definitionsOnTheClassPath() {
        return ApplicationDefinitions.onClassPath(new DefaultResourceLoader());
    }

    @Test
    void everyDefinitionFileLoadsAndDeclaresNoParameters() {
        List<Source> sources = definitionsOnTheClassPath();
        assertThat(sources).extracting(Source::command).containsExactlyInAnyOrder("HI", "CLIMB", "WHO", "BYE");

        MessageDefinitions definitions = MessageDefinitions.load(List.of(), sources);

        for (String command : List.of("HI", "CLIMB", "WHO", "BYE")) {
            MessageContract contract = definitions.find(command).orElseThrow();
            assertThat(contract.source()).as(command).contains(MessageDefinitions.APPLICATION_RESOURCES);
            assertThat(contract.rules()).as(command).isEmpty();
        }
    }

    @Test
    void everyCommandTheClientHandlesIsDefined() {
        List<String> defined =
                definitionsOnTheClassPath().stream().map(Source::command).toList();
        List<String> handled = Arrays.stream(ClientConversation.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(OnCommand.class))
                .map(method -> method.getAnnotation(OnCommand.class).value())
                .toList();

        assertThat(handled).isNotEmpty();
        assertThat(defined).containsAll(handled);
    }
}
