package org.eventdispatcher.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.management.BrokerHealthIndicator;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * PROTOCOL.md h.2, h.4 and h.7 against a real RabbitMQ node: the queue's arguments as declared, the
 * {@code DISCONNECTING} a daemon publishes when it closes a virtual connection or stops, and the
 * broker's health component.
 */
class BrokerPromisesTest {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final RabbitNode broker = RabbitNode.shared();
    /** A server name of its own per test: queues are durable, and a test must not read another's leftovers. */
    private final String server = "promise" + SERVERS.incrementAndGet();

    private final BrokerAddress daemon = new BrokerAddress(server, "test_service");
    private final BrokerAddress tester = new BrokerAddress("sender" + SERVERS.get(), "tester");

    private final ApplicationContextRunner runner =
            BrokerDaemonContext.runner(broker, daemon).withUserConfiguration(Handlers.class);

    @MessageHandlers
    static class Handlers {

        /** Who each PING came from, as its handler saw it. */
        final List<String> pings = new CopyOnWriteArrayList<>();

        @OnCommand("PING")
        Message ping(Message ping, Peer from) {
            pings.add(from.address());
            return Message.reply(ping, "PONG");
        }

        /** Closes the sender's virtual connection, as a handler may. */
        @OnCommand("GO_AWAY")
        void goAway(Peer from) {
            from.close();
        }
    }

    private AmqpPeer peer() throws Exception {
        return new AmqpPeer(broker.amqpPort(), "eventdispatcher", tester);
    }

    private String from(String command) {
        return "<" + tester + " " + daemon + "/" + command;
    }

    private String toTester(String command) {
        return "<" + daemon + " " + tester + "/" + command;
    }

    @Test
    void theQueueIsDeclaredWithItsLengthBoundDropHeadAndMessageTtl() {
        runner.withPropertyValues(
                        "eventdispatcher.broker.queue.max-length=500", "eventdispatcher.broker.queue.message-ttl=30s")
                .run(context -> {
                    awaitConsuming(context.getBean(BrokerHealthIndicator.class));
                    // the broker refuses a redeclare whose arguments differ: an equal one proves them
                    assertThat(redeclare(
                                    Map.of("x-max-length", 500, "x-overflow", "drop-head", "x-message-ttl", 30_000L)))
                            .as("declared with exactly these arguments")
                            .isNull();
                    assertThat(redeclare(
                                    Map.of("x-max-length", 501, "x-overflow", "drop-head", "x-message-ttl", 30_000L)))
                            .as("the check tells a different bound")
                            .contains("x-max-length");
                    assertThat(redeclare(Map.of(
                                    "x-max-length", 500, "x-overflow", "reject-publish", "x-message-ttl", 30_000L)))
                            .contains("x-overflow");
                    assertThat(redeclare(
                                    Map.of("x-max-length", 500, "x-overflow", "drop-head", "x-message-ttl", 60_000L)))
                            .contains("x-message-ttl");
                });
    }

    @Test
    void theQueueBoundsDefaultToTenThousandMessagesAndAMinute() {
        runner.run(context -> {
            awaitConsuming(context.getBean(BrokerHealthIndicator.class));
            assertThat(redeclare(Map.of("x-max-length", 10_000, "x-overflow", "drop-head", "x-message-ttl", 60_000L)))
                    .isNull();
        });
    }

    /** Declares the daemon's queue again (durable, shared) with these arguments; null, or why the broker refused. */
    private String redeclare(Map<String, Object> arguments) throws Exception {
        try (Connection connection = connection("queue arguments check")) {
            Channel channel = connection.createChannel();
            try {
                channel.queueDeclare(daemon.queue(), true, false, false, arguments);
                return null;
            } catch (IOException refused) {
                return String.valueOf(refused.getCause());
            }
        }
    }

    @Test
    void aMessageWithoutItsSenderIsHandledButNotAnswered() {
        runner.run(context -> {
            List<String> pings = context.getBean(Handlers.class).pings;
            try (AmqpPeer peer = peer();
                    Connection observer = connection("everything published")) {
                List<String> published = new CopyOnWriteArrayList<>();
                Channel channel = observer.createChannel();
                String all = channel.queueDeclare().getQueue();
                channel.queueBind(all, "eventdispatcher", "#");
                channel.basicConsume(
                        all,
                        true,
                        (tag, delivery) -> {
                            String body = new String(delivery.getBody(), UTF_8);
                            if (body.contains(daemon.toString())) { // the node is shared: this test's only
                                published.add(body);
                            }
                        },
                        tag -> {});

                peer.send(daemon + "/PING", daemon.routingKey()); // no sender
                await().atMost(Duration.ofSeconds(10)).until(() -> !pings.isEmpty());
                assertThat(pings).as("handled").singleElement().asString().doesNotContain(tester.toString());

                // the daemon publishes on one channel, in order: an answer to the first would come before this one
                peer.send(from("PING"), daemon.routingKey());
                assertThat(peer.nextLine()).isEqualTo(toTester("PONG"));
                await().atMost(Duration.ofSeconds(10)).until(() -> published.contains(toTester("PONG")));
                assertThat(published)
                        .as("all that was published: the two PINGs and one answer, to the sender that gave its address")
                        .containsExactlyInAnyOrder(daemon + "/PING", from("PING"), toTester("PONG"));
            }
        });
    }

    private Connection connection(String name) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        return factory.newConnection(name);
    }

    @Test
    void aHandlerThatClosesTheConnectionMakesTheDaemonSayDisconnecting() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.send(from("PING"), daemon.routingKey());
                assertThat(peer.nextLine()).isEqualTo(toTester("PONG"));
                peer.send(from("GO_AWAY"), daemon.routingKey());
                assertThat(peer.nextLine()).isEqualTo(toTester("DISCONNECTING"));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> context.getBean(VirtualConnections.class).size() == 0);
            }
        });
    }

    @Test
    void aDaemonThatStopsSaysDisconnectingToEveryOpenConnection() throws Exception {
        try (AmqpPeer peer = peer()) {
            runner.run(context -> {
                peer.send(from("PING"), daemon.routingKey());
                assertThat(peer.nextLine()).isEqualTo(toTester("PONG"));
            }); // the context closes: the daemon stops
            assertThat(peer.nextLine()).as("told as the daemon stopped").isEqualTo(toTester("DISCONNECTING"));
        }
    }

    @Test
    void theBrokerHealthComponentIsUpWhileConsumingWithItsDetails() {
        runner.run(context -> {
            BrokerHealthIndicator indicator = context.getBean(BrokerHealthIndicator.class);
            Health health = awaitConsuming(indicator);
            assertThat(health.getDetails())
                    .containsEntry("address", daemon.toString())
                    .containsEntry("exchange", "eventdispatcher")
                    .containsEntry("queue", daemon.queue())
                    .containsEntry("consuming", true)
                    .containsEntry("virtualConnections", 0)
                    .doesNotContainKey("reason");
            try (AmqpPeer peer = peer()) {
                peer.send(from("PING"), daemon.routingKey());
                assertThat(peer.nextLine()).isEqualTo(toTester("PONG"));
                assertThat(indicator.health(true).getDetails()).containsEntry("virtualConnections", 1);
            }
        });
    }

    private static Health awaitConsuming(BrokerHealthIndicator indicator) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> indicator.health(true), health -> health.getStatus()
                .equals(Status.UP));
    }
}
