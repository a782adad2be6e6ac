package org.eventdispatcher.broker;

import java.util.HashMap;
import java.util.Map;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.integration.amqp.support.AmqpHeaderMapper;
import org.springframework.messaging.MessageHeaders;

/**
 * The AMQP properties of a line on the broker (PROTOCOL.md h.2), as the adapters' header mapper:
 * every message published is {@code text/plain}, {@code utf-8} and not persistent; of a message
 * received only the body is read (its sender and destination are written in the line), so no
 * property becomes a header. Spring Integration's default mapper matches every header and
 * property by name, with patterns, for every message: more than all the rest of a message's
 * way between the dispatcher and the broker.
 */
public final class LineProperties implements AmqpHeaderMapper {

    @Override
    public void fromHeadersToRequest(MessageHeaders headers, MessageProperties target) {
        target.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
        target.setContentEncoding("utf-8");
        target.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
    }

    @Override
    public void fromHeadersToReply(MessageHeaders headers, MessageProperties target) {
        fromHeadersToRequest(headers, target);
    }

    @Override
    public Map<String, Object> toHeadersFromRequest(MessageProperties source) {
        return new HashMap<>(4); // the inbound adapter adds to it
    }

    @Override
    public Map<String, Object> toHeadersFromReply(MessageProperties source) {
        return new HashMap<>(4);
    }
}
