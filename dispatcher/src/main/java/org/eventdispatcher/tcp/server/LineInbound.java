package org.eventdispatcher.tcp.server;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The server's inbound channel adapter: each line a connection reads, as a {@code byte[]} message
 * whose {@link AcceptedConnection#HEADER header} is the connection itself, sent on the thread that
 * serves the connection (the flow's channels are direct: the line is handled before the next is read).
 */
public final class LineInbound extends MessageProducerSupport {

    LineInbound() {
    }

    /** @param headers the connection's own, made once */
    void received(byte[] line, MessageHeaders headers) {
        sendMessage(new GenericMessage<>(line, headers));
    }

    @Override
    public String getComponentType() {
        return "tcp-server:inbound-channel-adapter";
    }
}
