package org.eventdispatcher.dispatch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.dispatch.DispatchObserver;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher checks each message against its command's definition file before the handler runs. */
class ContractDispatchTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @MessageHandlers
    static class Store {
        final AtomicInteger calls = new AtomicInteger();

        @OnCommand("SET")
        Message set(Message request) {
            calls.incrementAndGet();
            return Message.reply(request, "DONE");
        }
    }

    private final List<List<String>> violations = new ArrayList<>();

    private final DispatchObserver observer = new DispatchObserver() {
        @Override
        public void violated(Message message, Peer from, List<String> faults) {
            violations.add(faults);
        }
    };

    private static void write(Path directory, String command, String text) throws IOException {
        Files.writeString(directory.resolve(command + ".conf"), text, StandardCharsets.UTF_8);
    }

    private MessageDispatcher dispatcher(boolean replyInvalid, Object handlers, Path... directories) {
        MessageDispatcher dispatcher =
                new MessageDispatcher(new DispatchProperties(false, replyInvalid, true), List.of(observer));
        dispatcher.useHandlers(List.of(handlers), MessageDefinitions.load(List.of(directories), List.of()));
        return dispatcher;
    }

    private static List<String> answer(MessageDispatcher dispatcher, String line) {
        FakePeer peer = new FakePeer();
        dispatcher.receive(line.getBytes(StandardCharsets.UTF_8), peer);
        return peer.sentLines();
    }

    private static final String SET_CONTRACT = """
            # SET parameters
            [name]
            flags = required

            [ttl]
            type = integer
            flags = optional

            [at]
            type = timespec

            [old-name]
            flags = forbidden
            """;

    @Test
    void aMessageThatKeepsItsContractReachesItsHandler() throws IOException {
        write(first, "SET", SET_CONTRACT);
        Store store = new Store();
        MessageDispatcher dispatcher = dispatcher(true, store, first);

        assertThat(answer(dispatcher, "SET name=a;ttl=-5;at=1733600000.25;extra=anything"))
                .containsExactly("DONE");
        assertThat(answer(dispatcher, "SET name=a;at="))
                .as("at: no flags line, so empty is allowed")
                .containsExactly("DONE");
        assertThat(store.calls).hasValue(2);
        assertThat(violations).isEmpty();
    }

    @Test
    void everyViolationIsNamedInOneInvalidAndTheHandlerDoesNotRun() throws IOException {
        write(first, "SET", SET_CONTRACT);
        Store store = new Store();
        MessageDispatcher dispatcher = dispatcher(true, store, first);

        assertThat(answer(dispatcher, "SET ttl=soon;old_name=x"))
                .containsExactly("INVALID command=SET;message=missing required parameter name,"
                        + " parameter ttl is not an integer: \"soon\", missing required parameter at,"
                        + " forbidden parameter old_name");
        assertThat(answer(dispatcher, "SET name=;at=1"))
                .containsExactly("INVALID command=SET;message=empty parameter name");
        assertThat(store.calls).hasValue(0);
        assertThat(violations)
                .containsExactly(
                        List.of(
                                "missing required parameter name",
                                "parameter ttl is not an integer: \"soon\"",
                                "missing required parameter at",
                                "forbidden parameter old_name"),
                        List.of("empty parameter name"));
    }

    @Test
    void withReplyInvalidOffAViolationIsUpstreamsSilence() throws IOException {
        write(first, "SET", SET_CONTRACT);
        Store store = new Store();

        assertThat(answer(dispatcher(false, store, first), "SET ttl=1")).isEmpty();
        assertThat(store.calls).hasValue(0);
        assertThat(violations).hasSize(1);
    }

    @Test
    void theFirstDirectoryHoldingACommandsFileWins() throws IOException {
        write(first, "SET", "[name]\nflags = required\n");
        write(second, "SET", "[name]\ntype = no-such-type\n"); // never read

        assertThat(answer(dispatcher(true, new Store(), first, second), "SET"))
                .containsExactly("INVALID command=SET;message=missing required parameter name");
    }

    @Test
    void theLibrarysAliveDefinitionIsInForceWithoutAnyDirectory() {
        MessageDispatcher dispatcher = new MessageDispatcher(new DispatchProperties(false, true, true), List.of());
        dispatcher.useHandlers(List.of(new Alive()), MessageDefinitions.load(List.of(), List.of()));

        assertThat(answer(dispatcher, "ALIVE serial=;timestamp=yesterday"))
                .containsExactly("INVALID command=ALIVE;message=empty parameter serial,"
                        + " parameter timestamp is not a timespec (seconds[.fraction]): \"yesterday\"");
        assertThat(answer(dispatcher, "ALIVE serial=3;timestamp=12.5")).containsExactly("ABSOLUTELY");
    }

    @MessageHandlers
    static class Rotate {
        @OnCommand(value = "LOG_ROTATE", aliases = "LOG")
        Message rotate(Message request) {
            return Message.of("ROTATED");
        }
    }

    @Test
    void anAliasKeepsItsCommandsContractNotTheFileOfItsOlderName() throws IOException {
        // snaplogger installs a LOG.conf for its log records; LOG is also LOG_ROTATE's older name
        write(first, "LOG", "[timestamp]\ntype = timespec\nflags = required\n[message]\nflags = required\n");
        write(first, "LOG_ROTATE", "[reason]\nflags = optional\n");
        MessageDispatcher dispatcher = dispatcher(true, new Rotate(), first);

        assertThat(answer(dispatcher, "LOG")).containsExactly("ROTATED");
        assertThat(answer(dispatcher, "LOG reason="))
                .containsExactly("INVALID command=LOG;message=empty parameter reason");
    }

    @MessageHandlers
    static class Alive {
        @OnCommand("ALIVE")
        Message alive(Message request) {
            return Message.reply(request, "ABSOLUTELY");
        }
    }

    @MessageHandlers
    static class TypedSet {
        @OnCommand("SET")
        Message set(@Param("name") String name, @Param(value = "ttl", required = false) Long ttl) {
            return Message.of("DONE");
        }
    }

    @Test
    void aHandlersArgumentsThatContradictTheFileStopTheStartNamingBoth() throws IOException {
        write(first, "SET", "[name]\nflags = required\n[ttl]\ntype = address\nflags = optional\n");

        assertThatThrownBy(() -> dispatcher(true, new TypedSet(), first))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the contract of SET contradicts itself")
                .hasMessageContaining("ttl is address (optional) in " + first.resolve("SET.conf"))
                .hasMessageContaining("integer (optional) in " + TypedSet.class.getName() + ".set(String, Long)");
    }

    @Test
    void aFileAndArgumentsThatAgreeAreCheckedTogether() throws IOException {
        write(first, "SET", "[name]\ntype = string\nflags = required\n[owner]\ntype = address\nflags = optional\n");
        MessageDispatcher dispatcher = dispatcher(true, new TypedSet(), first);

        assertThat(answer(dispatcher, "SET name=a;ttl=x;owner=db.example.com"))
                .containsExactly("INVALID command=SET;message=parameter owner is not an IP address:"
                        + " \"db.example.com\", parameter ttl is not an integer: \"x\"");
        assertThat(answer(dispatcher, "SET name=a;ttl=7;owner=10.0.0.1:80")).containsExactly("DONE");
    }
}
