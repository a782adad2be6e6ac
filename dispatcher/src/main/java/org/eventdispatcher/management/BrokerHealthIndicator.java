package org.eventdispatcher.management;

import org.eventdispatcher.broker.VirtualConnections;
import org.eventdispatcher.broker.queue.ConsumerState;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The daemon's side of the broker link (PROTOCOL.md h.5): up when its consumer runs on its queue
 * (which needs the exchange and queue declared) and its queue has the bounds configured (a queue
 * declared before with others cannot be declared again), with its address and virtual connections.
 * Spring Boot's {@code rabbit} component tells the broker's own state beside it.
 */
public class BrokerHealthIndicator extends AbstractHealthIndicator {

    private final ConsumerState consumer;
    private final BrokerAddress address;
    private final String exchange;
    private final VirtualConnections connections;

    public BrokerHealthIndicator(
            ConsumerState consumer, BrokerAddress address, String exchange, VirtualConnections connections) {
        super("broker health check failed");
        this.consumer = consumer;
        this.address = address;
        this.exchange = exchange;
        this.connections = connections;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean consuming = consumer.isConsuming();
        (consumer.isReady() ? builder.up() : builder.down().withDetail("reason", consumer.lastFailure()))
                .withDetail("address", address.toString())
                .withDetail("exchange", exchange)
                .withDetail("queue", address.queue())
                .withDetail("consuming", consuming)
                .withDetail("virtualConnections", connections.size());
    }
}
