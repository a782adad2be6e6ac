package org.eventdispatcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.management.BrokerHealthIndicator;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A daemon whose queue exists with other bounds (the broker keeps those it was first declared
 * with) cannot declare it: it says which bound differs and how to fix it, and is not ready.
 */
class QueueRedeclareTest {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final RabbitNode broker = RabbitNode.shared();
    private final BrokerAddress daemon = new BrokerAddress("redeclared" + SERVERS.incrementAndGet(), "test_service");

    private final ApplicationContextRunner runner = BrokerDaemonContext.runner(broker, daemon);

    /** The queue as a daemon with {@code max-length} 5 declared it. */
    private void declaredBefore(int maxLength) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        try (Connection connection = factory.newConnection();
                Channel channel = connection.createChannel()) {
            channel.queueDeclare(
                    daemon.queue(),
                    true,
                    false,
                    false,
                    Map.of("x-max-length", maxLength, "x-overflow", "drop-head", "x-message-ttl", 60_000L));
        }
    }

    @Test
    void aQueueDeclaredBeforeWithOtherBoundsMakesTheDaemonNotReadyAndSaysWhichAndHowToFixIt() throws Exception {
        declaredBefore(5);
        runner.run(context -> {
            BrokerHealthIndicator health = context.getBean(BrokerHealthIndicator.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Health now = health.health(true);
                assertThat(now.getStatus()).isEqualTo(Status.DOWN);
                assertThat(String.valueOf(now.getDetails().get("reason")))
                        .contains(
                                "x-max-length",
                                daemon.queue(),
                                "5",
                                "10000",
                                "rabbitmqctl delete_queue " + daemon.queue(),
                                "eventdispatcher.broker.queue.max-length");
            });
        });
    }

    @Test
    void aQueueDeclaredBeforeWithTheSameBoundsIsTakenAsItIs() throws Exception {
        declaredBefore(10000);
        runner.run(context -> {
            BrokerHealthIndicator health = context.getBean(BrokerHealthIndicator.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> health.health(true).getStatus().equals(Status.UP));
        });
    }
}
