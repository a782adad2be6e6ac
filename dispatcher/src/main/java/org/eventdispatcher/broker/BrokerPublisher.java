package org.eventdispatcher.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * Sends messages from this daemon through the broker (PROTOCOL.md h.2, h.3): the sender filled in
 * with this daemon's address, so that any answer finds its way back; the text form as the body;
 * the routing key from the destination. The outbound channel adapter behind {@code outbound}
 * publishes to the exchange.
 *
 * <p>Messages are not persistent: they live in a queue at most its time-to-live, to bridge a
 * daemon's restart, not the broker's.
 */
public class BrokerPublisher {

    /** The header that carries a message's routing key to the outbound adapter. */
    public static final String ROUTING_KEY = "eventdispatcher_routingKey";

    private final BrokerAddress self;
    private final MessageChannel outbound;
    private final MessageCodec codec = MessageCodec.standard();

    public BrokerPublisher(BrokerAddress self, MessageChannel outbound) {
        this.self = self;
        this.outbound = outbound;
    }

    /** This daemon's address on the broker. */
    public BrokerAddress self() {
        return self;
    }

    /**
     * Publishes a message to the daemon its destination names ({@code server:service/},
     * {@code *:service/}, {@code service/} on this server).
     *
     * @throws org.eventdispatcher.protocol.message.InvalidMessageException when it names no service
     * @throws org.springframework.messaging.MessagingException when the broker cannot be reached
     */
    public void publish(Message message) {
        Message sent = message.toBuilder().sentFrom(self.server(), self.service()).build();
        String line = codec.write(sent);
        outbound.send(new GenericMessage<>(line.getBytes(StandardCharsets.UTF_8), new MessageHeaders(Map.of(
                ROUTING_KEY, self.routingKeyOf(sent),
                AmqpHeaders.CONTENT_TYPE, "text/plain",
                AmqpHeaders.CONTENT_ENCODING, "utf-8",
                AmqpHeaders.DELIVERY_MODE, MessageDeliveryMode.NON_PERSISTENT))));
    }

    /** Publishes a message to one daemon: a message without a destination is addressed to {@code to}. */
    public void publish(Message message, BrokerAddress to) {
        publish(message.service().isEmpty() ? message.toBuilder().server(to.server()).service(to.service()).build()
                : message);
    }
}
