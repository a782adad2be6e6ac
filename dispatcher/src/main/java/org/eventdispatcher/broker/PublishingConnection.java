package org.eventdispatcher.broker;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * The broker connection this daemon publishes on, apart from the one it consumes on, with a
 * single channel that every message leaves by.
 *
 * <p>One channel, because the broker keeps order per channel only: a template that takes any
 * cached channel for each send lets consecutive messages leave on different channels, and a reply
 * can then overtake the greeting sent before it. {@link BrokerPublisher} sends one message at a
 * time, so one channel is all it needs; a checkout timeout makes the cache size a limit, so a
 * second channel is never opened beside it. No publisher confirms: a channel waiting for its
 * confirms is not handed out again until they come, which would cost a round trip per message.
 *
 * <p>A connection of its own, because the broker slows down (flow control) the connections that
 * publish too fast, and the consumer should not be slowed with them.
 */
public class PublishingConnection implements DisposableBean {

    private final CachingConnectionFactory connectionFactory;
    private final RabbitTemplate template;

    /**
     * @param connectionFactory configured as the daemon's other broker connection; this takes it
     *                          over and closes it on {@link #destroy()}
     */
    public PublishingConnection(CachingConnectionFactory connectionFactory, long checkoutTimeoutMillis) {
        this.connectionFactory = connectionFactory;
        connectionFactory.setChannelCacheSize(1);
        connectionFactory.setChannelCheckoutTimeout(checkoutTimeoutMillis);
        connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.NONE);
        connectionFactory.setPublisherReturns(true);
        this.template = new RabbitTemplate(connectionFactory);
        template.setMandatory(true); // a message no queue takes comes back (PROTOCOL.md h.3)
    }

    /** The template that publishes on this connection. */
    public RabbitTemplate template() {
        return template;
    }

    @Override
    public void destroy() {
        connectionFactory.destroy();
    }
}
