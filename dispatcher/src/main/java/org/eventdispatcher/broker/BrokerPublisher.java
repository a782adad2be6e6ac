package org.eventdispatcher.broker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.eventdispatcher.link.Buffer;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.link.ReconnectBuffer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * Sends messages from this daemon through the broker (PROTOCOL.md h.2, h.3): the sender filled in
 * with this daemon's address, so that any answer finds its way back; the text form as the body;
 * the routing key from the destination. The outbound channel adapter behind {@code outbound}
 * publishes to the exchange.
 *
 * <p>While the broker is out of reach, a message sent with {@code cache} is kept, in order, in a
 * bounded buffer (the TCP client's, PROTOCOL.md e) and published first once the broker is back
 * ({@link #flush()}, as soon as this daemon consumes again); one sent without is refused.
 *
 * <p>Messages are not persistent: they live in a queue at most its time-to-live, to bridge a
 * daemon's restart, not the broker's.
 */
public class BrokerPublisher {

    /** The header that carries a message's routing key to the outbound adapter. */
    public static final String ROUTING_KEY = "eventdispatcher_routingKey";

    private static final Logger log = LoggerFactory.getLogger(BrokerPublisher.class);

    private final BrokerAddress self;
    private final MessageChannel outbound;
    private final MessageCodec codec = MessageCodec.standard();
    private final ReconnectBuffer buffer;
    private final Object lock = new Object();
    private boolean dropsReported;

    public BrokerPublisher(BrokerAddress self, MessageChannel outbound, Buffer buffer) {
        this.self = self;
        this.outbound = outbound;
        this.buffer = buffer.newBuffer();
    }

    /** The routing key of a message this publisher sent, for the outbound adapter. */
    public static String routingKeyOf(org.springframework.messaging.Message<?> sent) {
        return sent.getHeaders().get(ROUTING_KEY, String.class);
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
     * @throws NotConnectedException when the broker cannot be reached
     */
    public void publish(Message message) {
        publish(message, false);
    }

    /**
     * Publishes a message, or, with {@code cache}, keeps it while the broker is out of reach.
     *
     * @throws NotConnectedException when the broker cannot be reached and {@code cache} is false
     */
    public void publish(Message message, boolean cache) {
        Message sent =
                message.toBuilder().sentFrom(self.server(), self.service()).build();
        byte[] body = codec.write(sent).getBytes(StandardCharsets.UTF_8);
        String routingKey = self.routingKeyOf(sent);
        synchronized (lock) {
            if (buffer.size() > 0) {
                flush(); // in order: what waits goes first
            }
            if (buffer.size() == 0) {
                try {
                    send(routingKey, body);
                    return;
                } catch (MessagingException e) {
                    if (!cache) {
                        throw new NotConnectedException("the broker is out of reach: " + message.command() + " to "
                                + routingKey
                                + " not sent (send it with cache to have it sent once the broker is back): "
                                + e.getMostSpecificCause().getMessage());
                    }
                }
            } else if (!cache) {
                throw new NotConnectedException("the broker is out of reach: " + message.command() + " to " + routingKey
                        + " not sent (send it with cache to have it sent once the broker is back)");
            }
            keep(routingKey, body);
        }
    }

    /** Publishes a message to one daemon: a message without a destination is addressed to {@code to}. */
    public void publish(Message message, BrokerAddress to) {
        publish(
                message.service().isEmpty()
                        ? message.toBuilder()
                                .server(to.server())
                                .service(to.service())
                                .build()
                        : message);
    }

    /** Publishes what was kept while the broker was away, oldest first; stops at the first failure. */
    public void flush() {
        synchronized (lock) {
            byte[] next;
            while ((next = buffer.peek()) != null) {
                int space = indexOf(next, (byte) 0);
                try {
                    send(
                            new String(next, 0, space, StandardCharsets.UTF_8),
                            Arrays.copyOfRange(next, space + 1, next.length));
                } catch (MessagingException e) {
                    return;
                }
                buffer.remove();
            }
            dropsReported = false;
        }
    }

    /** Messages kept until the broker is back. */
    public int buffered() {
        synchronized (lock) {
            return buffer.size();
        }
    }

    private void keep(String routingKey, byte[] body) {
        // routing key, NUL, body: a name never holds a NUL, so the first one separates them
        byte[] key = routingKey.getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[key.length + 1 + body.length];
        System.arraycopy(key, 0, entry, 0, key.length);
        System.arraycopy(body, 0, entry, key.length + 1, body.length);
        if (buffer.add(entry) > 0 && !dropsReported) {
            dropsReported = true;
            log.warn(
                    "broker buffer full ({} kept): the oldest messages are dropped until the broker is back",
                    buffer.size());
        }
    }

    private void send(String routingKey, byte[] body) {
        outbound.send(new GenericMessage<>(body, new PublishHeaders(routingKey)));
    }

    /**
     * The routing key alone ({@link LineProperties} sets the AMQP properties), without the random id
     * and timestamp every message gets by default: nothing on the way to the broker reads them.
     */
    private static final class PublishHeaders extends MessageHeaders {

        PublishHeaders(String routingKey) {
            super(Map.of(ROUTING_KEY, routingKey), ID_VALUE_NONE, -1L);
        }
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
