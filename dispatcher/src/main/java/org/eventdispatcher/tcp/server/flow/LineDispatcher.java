package org.eventdispatcher.tcp.server.flow;

import org.eventdispatcher.dispatch.MessageDispatcher;
import org.springframework.integration.handler.AbstractMessageProducingHandler;
import org.springframework.messaging.Message;

/**
 * The middle of the server's flow: each line to the dispatcher, with the connection in its header
 * as the peer. What the handlers answer, and whatever else is sent to the connection, the
 * connection's {@code send} puts on this handler's output channel, the outbound adapter's: the dispatcher answers a peer, not a message, and a greeting or a line sent
 * later answers no line at all.
 */
public final class LineDispatcher extends AbstractMessageProducingHandler {

    private final MessageDispatcher dispatcher;

    public LineDispatcher(MessageDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    protected void handleMessageInternal(Message<?> message) {
        dispatcher.receive(
                (byte[]) message.getPayload(), (LinePeer) message.getHeaders().get(LineInbound.CONNECTION));
    }

    @Override
    public String getComponentType() {
        return "tcp-server:dispatcher";
    }
}
