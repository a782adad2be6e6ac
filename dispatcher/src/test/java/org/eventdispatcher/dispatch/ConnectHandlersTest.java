package org.eventdispatcher.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;

/** {@link OnConnect} and {@link OnDisconnect}: called by the dispatcher, in priority order, their greeting sent first. */
class ConnectHandlersTest {

    private static final List<String> calls = new CopyOnWriteArrayList<>();

    @MessageHandlers
    static class Greeter {
        @OnConnect
        Message hi(Peer peer) {
            calls.add("hi " + peer.id());
            return Message.of("HI");
        }

        @OnDisconnect
        void bye(Peer peer) {
            calls.add("gone " + peer.id());
        }

        @OnCommand("DAD")
        Message dad(Message request) {
            return Message.reply(request, "CLIMB");
        }
    }

    @MessageHandlers(priority = MessageHandlers.SYSTEM)
    static class Quiet {
        @OnConnect
        void noted() {
            calls.add("noted");
        }
    }

    @MessageHandlers
    static class Failing {
        @OnConnect
        Message boom() {
            throw new IllegalStateException("boom");
        }
    }

    static class ConnectTakingAMessage {
        @OnConnect
        Message hi(Message message) {
            return message;
        }
    }

    static class DisconnectReplying {
        @OnDisconnect
        Message late() {
            return Message.of("LATE");
        }
    }

    private static MessageDispatcher dispatcher(Object... handlers) {
        MessageDispatcher dispatcher = new MessageDispatcher(new DispatchProperties(false, true, true), List.of());
        dispatcher.useHandlers(List.of(handlers));
        return dispatcher;
    }

    @Test
    void theGreetingIsSentBeforeAnyReplyAndTheHandlersRunByPriority() {
        calls.clear();
        MessageDispatcher dispatcher = dispatcher(new Quiet(), new Greeter());
        FakePeer peer = new FakePeer();
        dispatcher.connected(peer);
        dispatcher.receive("DAD", peer);
        dispatcher.disconnected(peer);
        assertThat(peer.sentLines()).containsExactly("HI", "CLIMB");
        assertThat(calls).containsExactly("hi tcp-1", "noted", "gone tcp-1");
    }

    @Test
    void aHandlerThatThrowsSendsNothingAndTheOthersStillRun() {
        calls.clear();
        MessageDispatcher dispatcher = dispatcher(new Failing(), new Quiet());
        FakePeer peer = new FakePeer();
        dispatcher.connected(peer);
        assertThat(peer.sentLines()).isEmpty();
        assertThat(calls).containsExactly("noted");
    }

    @Test
    void signaturesThatCannotBeCalledFailTheStart() {
        assertThatThrownBy(() -> dispatcher(new ConnectTakingAMessage()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("may only be Peer");
        assertThatThrownBy(() -> dispatcher(new DisconnectReplying()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must return void");
    }
}
