package org.eventdispatcher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.contract.DefinitionFailureAnalyzer;
import org.eventdispatcher.protocol.contract.DefinitionException;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A daemon reads its definition directories at start, before it serves anyone. */
class MessageDefinitionsStartTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @MessageHandlers
    static class Greeter {
        @OnCommand("GREET")
        Message greet(Message request) {
            return Message.reply(request, "HELLO");
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DispatcherAutoConfiguration.class))
            .withBean(Greeter.class);

    private static void write(Path directory, String command, String text) throws IOException {
        Files.writeString(directory.resolve(command + ".conf"), text, StandardCharsets.UTF_8);
    }

    @Test
    void theConfiguredDirectoriesAreReadInOrderAndTheirContractsChecked() throws IOException {
        write(first, "GREET", "[name]\nflags = required\n");
        write(second, "GREET", "[other]\n");
        runner.withPropertyValues("eventdispatcher.dispatch.message-definitions=" + first + ":" + second)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MessageDefinitions.class)
                                    .find("GREET")
                                    .orElseThrow()
                                    .source())
                            .isEqualTo(first.resolve("GREET.conf").toString());
                    FakePeer peer = new FakePeer();
                    MessageDispatcher dispatcher = context.getBean(MessageDispatcher.class);
                    dispatcher.receive("GREET", peer);
                    dispatcher.receive("GREET name=you", peer);
                    assertThat(peer.sentLines())
                            .containsExactly("INVALID command=GREET;message=missing required parameter name", "HELLO");
                });
    }

    @Test
    void aBrokenFileStopsTheStartNamingTheFileAndTheLine() throws IOException {
        write(first, "GREET", "# greeting\n[name]\ntype = integer\nflags = required, sometimes\n");
        runner.withPropertyValues("eventdispatcher.dispatch.message-definitions=" + first)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(DefinitionException.class)
                            .hasMessage(first.resolve("GREET.conf") + ":4: [name]: flag \"sometimes\" is not one of"
                                    + " required, empty, forbidden, optional, defined, allowed");
                    FailureAnalysis analysis = new DefinitionFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .startsWith("The message definition " + first.resolve("GREET.conf") + ":4:");
                    assertThat(analysis.getAction()).contains("--path-to-message-definitions");
                });
    }

    @Test
    void theApplicationsOwnDefinitionsOnTheClassPathComeAfterTheDirectories() throws IOException {
        // src/test/resources/META-INF/eventdispatcher/messages/GREET.conf requires "name" too
        runner.withPropertyValues("eventdispatcher.dispatch.message-definitions=" + first)
                .run(context -> {
                    assertThat(context.getBean(MessageDefinitions.class)
                                    .find("GREET")
                                    .orElseThrow()
                                    .source())
                            .endsWith(MessageDefinitions.APPLICATION_RESOURCES + "GREET.conf");
                    FakePeer peer = new FakePeer();
                    context.getBean(MessageDispatcher.class).receive("GREET", peer);
                    assertThat(peer.sentLines())
                            .containsExactly("INVALID command=GREET;message=missing required parameter greeting");
                });
    }
}
