package org.eventdispatcher.tcp.server.flow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.messaging.Message;

/**
 * The server's outbound channel adapter: writes each {@code byte[]} message as a line to the
 * connection in its {@link LineInbound#CONNECTION header}. Every line the server writes comes
 * here: the replies, the greeting, a line a handler sends later from any thread.
 */
public final class LineOutbound extends AbstractMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(LineOutbound.class);

    @Override
    protected void handleMessageInternal(Message<?> message) {
        if (message.getHeaders().get(LineInbound.CONNECTION) instanceof LinePeer connection
                && message.getPayload() instanceof byte[] line) {
            connection.write(line);
        } else {
            log.warn(
                    "not a line to a server connection (a byte[] with a {} header): dropped {}",
                    LineInbound.CONNECTION,
                    message);
        }
    }

    @Override
    public String getComponentType() {
        return "tcp-server:outbound-channel-adapter";
    }
}
