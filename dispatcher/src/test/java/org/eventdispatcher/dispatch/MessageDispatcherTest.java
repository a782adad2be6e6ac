package org.eventdispatcher.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.dispatch.builtin.SystemCommands;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class MessageDispatcherTest {

    @MessageHandlers
    static class Conversation {
        @OnCommand("DAD")
        Message dad(Message request) {
            return Message.reply(request, "CLIMB");
        }

        @OnCommand(value = "LOG_ROTATE", aliases = "LOG")
        Message rotate(Message request) {
            return Message.reply(request, "ROTATED");
        }

        @OnCommand("COUNT")
        Message count(Peer from, Message request) {
            return Message.replyBuilder(request, "COUNTED")
                    .parameter("n", request.intParameter("n") + 1)
                    .build();
        }

        @OnCommand("BOOM")
        Message boom() {
            throw new IllegalStateException("boom");
        }

        @OnCommand("SILENT")
        void silent() {}

        @OnCommand("ALIVE")
        Message alive(Message request) {
            return Message.reply(request, "MINE");
        }
    }

    static class Twin {
        @OnCommand("DAD")
        Message dad2(Message request) {
            return Message.reply(request, "CLIMB");
        }
    }

    static class BadSignature {
        @OnCommand("BAD")
        Message bad(String text) {
            return null;
        }
    }

    static class BadReturn {
        @OnCommand("BAD")
        String bad() {
            return "";
        }
    }

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 5), ZoneOffset.UTC);

    private MessageDispatcher dispatcher(DispatchProperties properties, Object... handlers) {
        MessageDispatcher dispatcher = new MessageDispatcher(properties, List.of());
        List<Object> beans = new ArrayList<>(List.of(handlers));
        beans.add(new SystemCommands(provider(dispatcher), new LifecycleHooks() {}, clock));
        dispatcher.useHandlers(beans);
        return dispatcher;
    }

    private MessageDispatcher dispatcher(Object... handlers) {
        return dispatcher(new DispatchProperties(false, true, true), handlers);
    }

    private static ObjectProvider<MessageDispatcher> provider(MessageDispatcher dispatcher) {
        StaticListableBeanFactory factory = new StaticListableBeanFactory();
        factory.addBean("dispatcher", dispatcher);
        return factory.getBeanProvider(MessageDispatcher.class);
    }

    private static List<String> answer(MessageDispatcher dispatcher, String line) {
        FakePeer peer = new FakePeer();
        dispatcher.receive(line.getBytes(StandardCharsets.UTF_8), peer);
        return peer.sentLines();
    }

    @Test
    void routesToTheHandlerAndAnswersTheSender() {
        assertThat(answer(dispatcher(new Conversation()), "DAD")).containsExactly("CLIMB");
    }

    @Test
    void repliesGoBackToWhoeverSentTheRequest() {
        assertThat(answer(dispatcher(new Conversation()), "<alpha:beta DAD")).containsExactly("alpha:beta/CLIMB");
    }

    @Test
    void aliasesReachTheSameHandler() {
        MessageDispatcher dispatcher = dispatcher(new Conversation());
        assertThat(answer(dispatcher, "LOG")).containsExactly("ROTATED");
        assertThat(answer(dispatcher, "LOG_ROTATE")).containsExactly("ROTATED");
    }

    @Test
    void helpListsEveryCommandSortedWithoutAliases() {
        assertThat(answer(dispatcher(new Conversation()), "HELP"))
                .containsExactly(
                        "COMMANDS list=ALIVE,BOOM,COUNT,DAD,HELP,INVALID,LEAK,LOG_ROTATE,QUITTING,READY,RESTART,"
                                + "SERVICE_UNAVAILABLE,SILENT,STOP,UNKNOWN");
    }

    @Test
    void applicationHandlersComeBeforeSystemOnes() {
        assertThat(answer(dispatcher(new Conversation()), "ALIVE")).containsExactly("MINE");
    }

    @Test
    void aliveCopiesSerialAndTimestampAndAddsTheReplyTime() {
        assertThat(answer(dispatcher(), "ALIVE serial=42;timestamp=1699999999.5"))
                .containsExactly("ABSOLUTELY reply_timestamp=1700000000.000000005;serial=42;timestamp=1699999999.5");
        assertThat(answer(dispatcher(), "ALIVE")).containsExactly("ABSOLUTELY reply_timestamp=1700000000.000000005");
    }

    @Test
    void aWrongParameterTypeIsAnsweredInvalidNamingTheCommand() {
        MessageDispatcher dispatcher = dispatcher(new Conversation());
        assertThat(answer(dispatcher(), "ALIVE timestamp=soon")) // the library's ALIVE definition
                .containsExactly(
                        "INVALID command=ALIVE;message=parameter timestamp is not a timespec (seconds[.fraction]): \"soon\"");
        assertThat(answer(dispatcher, "COUNT n=x"))
                .containsExactly(
                        "INVALID command=COUNT;message=parameter \"n\" of message COUNT is not an integer: \"x\"");
        assertThat(answer(dispatcher, "COUNT n=1")).containsExactly("COUNTED n=2");
    }

    @Test
    void anUnknownCommandIsAnsweredUnknown() {
        assertThat(answer(dispatcher(new Conversation()), "HI")).containsExactly("UNKNOWN command=HI");
        assertThat(answer(dispatcher(new Conversation()), "hello")).containsExactly("UNKNOWN command=hello");
    }

    @Test
    void unknownAndInvalidAreNeverAnswered() {
        MessageDispatcher dispatcher = dispatcher(new Conversation());
        assertThat(answer(dispatcher, "UNKNOWN command=DAD")).isEmpty();
        assertThat(answer(dispatcher, "INVALID message=x")).isEmpty();
        MessageDispatcher bare = dispatcher(new DispatchProperties(false, true, false));
        bare.useHandlers(List.of());
        assertThat(answer(bare, "UNKNOWN command=DAD")).isEmpty();
    }

    @Test
    void unknownAndInvalidFromOnePeerAreLoggedOnceEach() {
        MessageDispatcher withSystemCommands = dispatcher(new Conversation());
        MessageDispatcher bare = dispatcher(new DispatchProperties(false, true, false));
        bare.useHandlers(List.of());
        for (MessageDispatcher dispatcher : List.of(withSystemCommands, bare)) {
            FakePeer peer = new FakePeer();
            try (LogCapture logs = new LogCapture()) {
                for (int i = 0; i < 100; i++) {
                    dispatcher.receive("UNKNOWN command=DAD", peer);
                    dispatcher.receive("INVALID message=x", peer);
                }
                assertThat(logs.messages())
                        .filteredOn(line -> line.contains("UNKNOWN command=DAD"))
                        .hasSize(1);
                assertThat(logs.messages())
                        .filteredOn(line -> line.contains("INVALID message=x"))
                        .hasSize(1);
            }
        }
    }

    @Test
    void anUnparseableLineIsAnsweredInvalidWithItsCategory() {
        assertThat(answer(dispatcher(new Conversation()), "CMD abc"))
                .containsExactly(
                        "INVALID message=MISSING_EQUAL: parameter \"abc\" has no '=' and no value (at column 8)");
    }

    @Test
    void aLineWithMoreParametersThanMaxParametersIsAnsweredTooManyParametersAndNotHandled() {
        MessageDispatcher capped = dispatcher(new DispatchProperties(false, true, true, 3), new Conversation());

        assertThat(answer(capped, "COUNT n=1;b=2;c=3")).containsExactly("COUNTED n=2");
        assertThat(answer(capped, "COUNT n=1;b=2;c=3;d=4"))
                .containsExactly(
                        "INVALID message=TOO_MANY_PARAMETERS: more than 3 parameters in one message (at column 19)");
        assertThat(answer(capped, "{\"command\":\"COUNT\",\"parameters\":{\"n\":1,\"b\":2,\"c\":3,\"d\":4}}"))
                .singleElement()
                .asString()
                .startsWith("INVALID message=TOO_MANY_PARAMETERS: more than 3 parameters");
        assertThat(new DispatchProperties(false, true, true).maxParameters()).isEqualTo(1_000);
    }

    @Test
    void strictUpstreamDropsUnparseableLinesSilently() {
        assertThat(answer(dispatcher(new DispatchProperties(false, false, true)), "CMD abc"))
                .isEmpty();
    }

    @Test
    void emptyLinesAreIgnored() {
        assertThat(answer(dispatcher(new Conversation()), "")).isEmpty();
        assertThat(answer(dispatcher(new Conversation()), " \t")).isEmpty();
    }

    @Test
    void aFailingHandlerIsAnsweredAndTheNextMessageStillWorks() {
        MessageDispatcher dispatcher = dispatcher(new Conversation());
        FakePeer peer = new FakePeer();
        dispatcher.receive("BOOM", peer);
        dispatcher.receive("DAD", peer);
        assertThat(peer.sentLines())
                .containsExactly("INVALID command=BOOM;message=BOOM failed in its handler", "CLIMB");
        assertThat(peer.isClosed()).isFalse();
    }

    @Test
    void aVoidHandlerSendsNothing() {
        assertThat(answer(dispatcher(new Conversation()), "SILENT")).isEmpty();
    }

    @Test
    void nothingIsSentWhereNoReplyCanGo() {
        FakePeer udp = new FakePeer(false);
        dispatcher(new Conversation()).receive("DAD", udp);
        dispatcher(new Conversation()).receive("garbage =", udp);
        assertThat(udp.sentLines()).isEmpty();
    }

    @Test
    void twoHandlersForOneCommandNameBothMethods() {
        assertThatThrownBy(() -> dispatcher(new Conversation(), new Twin()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("command DAD has two handlers")
                .hasMessageContaining("MessageDispatcherTest$Conversation.dad(Message)")
                .hasMessageContaining("MessageDispatcherTest$Twin.dad2(Message)");
    }

    @Test
    void aHandlerThatCannotBeCalledFailsNamingIt() {
        assertThatThrownBy(() -> dispatcher(new BadSignature()))
                .hasMessageContaining("MessageDispatcherTest$BadSignature.bad(String)")
                .hasMessageContaining("may only be Message, Peer and @Param arguments");
        assertThatThrownBy(() -> dispatcher(new BadReturn()))
                .hasMessageContaining("MessageDispatcherTest$BadReturn.bad()")
                .hasMessageContaining("must return Message or void");
    }

    @Test
    void observersSeeEachStep() {
        List<String> seen = new ArrayList<>();
        DispatchObserver observer = new DispatchObserver() {
            @Override
            public void received(Message message, Peer from, long at) {
                seen.add("received " + message.command());
            }

            @Override
            public void invalid(org.eventdispatcher.protocol.message.MessageParseException error, Peer from, long at) {
                seen.add("invalid " + error.category());
            }

            @Override
            public void unknown(Message message, Peer from) {
                seen.add("unknown " + message.command());
            }

            @Override
            public void handled(Message message, Peer from, long nanos) {
                seen.add("handled " + message.command());
            }

            @Override
            public void sent(Message message, Peer to, long at) {
                seen.add("sent " + message.command());
            }
        };
        MessageDispatcher dispatcher =
                new MessageDispatcher(new DispatchProperties(false, true, true), List.of(observer));
        dispatcher.useHandlers(List.of(new Conversation()));
        FakePeer peer = new FakePeer();
        dispatcher.receive("DAD", peer);
        dispatcher.receive("NOPE", peer);
        dispatcher.receive("<x", peer);
        assertThat(seen)
                .containsExactly(
                        "received DAD",
                        "handled DAD",
                        "sent CLIMB",
                        "received NOPE",
                        "unknown NOPE",
                        "sent UNKNOWN",
                        "invalid BAD_SENT_FROM",
                        "sent INVALID");
    }

    @Test
    void tracingNeverShowsTheSecret() {
        Message message = Message.builder("LOG_ROTATE")
                .parameter("secret_code", "hunter2")
                .parameter("x", "1")
                .build();
        assertThat(MessageDispatcher.withoutSecrets(message).toString()).isEqualTo("LOG_ROTATE secret_code=******;x=1");
        assertThat(message.toString()).contains("hunter2");
    }
}
