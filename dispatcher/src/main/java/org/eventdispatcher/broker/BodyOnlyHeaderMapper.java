package org.eventdispatcher.broker;

import java.util.HashMap;
import java.util.Map;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.integration.amqp.support.AmqpHeaderMapper;
import org.springframework.messaging.MessageHeaders;

/**
 * The inbound adapter's header mapper: a daemon reads only a message's body (its sender and
 * destination are written in the line, PROTOCOL.md h.2), so no AMQP property becomes a header.
 * The default mapper reads every standard property of every message, with a regular expression
 * compiled for each, which cost more than the rest of a message's way to the dispatcher.
 */
public final class BodyOnlyHeaderMapper implements AmqpHeaderMapper {

    @Override
    public Map<String, Object> toHeadersFromRequest(MessageProperties source) {
        return new HashMap<>(4); // the adapter adds to it
    }

    @Override
    public Map<String, Object> toHeadersFromReply(MessageProperties source) {
        return new HashMap<>(4);
    }

    @Override
    public void fromHeadersToRequest(MessageHeaders headers, MessageProperties target) {
        throw new UnsupportedOperationException("inbound only");
    }

    @Override
    public void fromHeadersToReply(MessageHeaders headers, MessageProperties target) {
        throw new UnsupportedOperationException("inbound only");
    }
}
