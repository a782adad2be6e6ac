package org.eventdispatcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.DirectFieldAccessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;

/**
 * What any publisher on the broker can put in a daemon's queue: only a line of text is read; the
 * rest is rejected unread, counted, never requeued, and the daemon serves the next message.
 */
class HostileBrokerInputTest {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final RabbitNode broker = RabbitNode.shared();
    private final String server = "hostile" + SERVERS.incrementAndGet();
    private final BrokerAddress daemon = new BrokerAddress(server, "test_service");
    private final BrokerAddress tester = new BrokerAddress("mallory" + SERVERS.get(), "tester");

    private final ApplicationContextRunner runner =
            BrokerDaemonContext.runner(broker, daemon).withUserConfiguration(Handlers.class);

    @MessageHandlers
    static class Handlers implements ConnectionListener {

        /** What a broken connection listener of the daemon's own could throw on some sender's message. */
        @Override
        public void connectionEvent(Event event, Connection connection, Throwable cause) {
            if (event == Event.OPENED && connection.address().startsWith("crash")) {
                throw new AssertionError("a listener's Error for " + connection.address());
            }
        }

        @OnConnect
        Message greet(Peer peer) {
            return Message.of("HI");
        }

        @OnCommand("PING")
        Message ping(Message ping) {
            return Message.reply(ping, "PONG");
        }
    }

    /**
     * A serialized {@code long[]} that says it holds 2^31-1 elements: 27 bytes that make
     * {@code ObjectInputStream} throw {@code OutOfMemoryError}.
     */
    static byte[] hugeLongArray() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new long[0]);
        }
        byte[] serialized = bytes.toByteArray();
        ByteBuffer.wrap(serialized).putInt(serialized.length - 4, Integer.MAX_VALUE);
        return serialized;
    }

    private AmqpPeer peer() throws Exception {
        return new AmqpPeer(broker.amqpPort(), "eventdispatcher", tester);
    }

    private String from(BrokerAddress sender, String command) {
        return "<" + sender + " " + daemon + "/" + command;
    }

    private static double rejected(MeterRegistry meters, String reason) {
        var counter = meters.find(RejectedMessages.METER).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSerializedJavaObjectIsRejectedUnreadNotRequeuedAndTheDaemonKeepsServing() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                byte[] hostile = hugeLongArray();
                assertThat(hostile).hasSize(27);
                peer.sendRaw(
                        hostile,
                        new AMQP.BasicProperties.Builder()
                                .contentType("application/x-java-serialized-object")
                                .build(),
                        daemon.routingKey());
                peer.send(from(tester, "PING"), daemon.routingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/PONG");

                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(rejected(meters, "content-type")).isEqualTo(1);
                assertThat(peer.waiting(daemon.queue()))
                        .as("rejected, not requeued")
                        .isZero();
                assertThat(context).hasNotFailed();
            }
        });
    }

    @Test
    void aBodyOfAnotherKindOrCharsetIsRejectedAndCounted() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                byte[] line = from(tester, "PING").getBytes(StandardCharsets.UTF_8);
                peer.sendRaw(
                        line,
                        new AMQP.BasicProperties.Builder()
                                .contentType("application/json")
                                .build(),
                        daemon.routingKey());
                peer.sendRaw(
                        line,
                        new AMQP.BasicProperties.Builder()
                                .contentType("text/plain")
                                .contentEncoding("utf-16")
                                .build(),
                        daemon.routingKey());
                // a publisher that names no content type (the C++ daemons' way) is read as text
                peer.sendRaw(line, new AMQP.BasicProperties.Builder().build(), daemon.routingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine()).as("only the third was read").endsWith("/PONG");

                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(rejected(meters, "content-type")).isEqualTo(1);
                assertThat(rejected(meters, "charset")).isEqualTo(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> peer.waiting(daemon.queue()) == 0);
            }
        });
    }

    @Test
    void aBodyLongerThanTheLongestLineIsRejectedAndCounted() {
        runner.withPropertyValues("eventdispatcher.broker.max-line-length=100B").run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.send(from(tester, "PING long=" + "x".repeat(100)), daemon.routingKey());
                peer.send(from(tester, "PING"), daemon.routingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/PONG");
                assertThat(rejected(context.getBean(MeterRegistry.class), "too-long"))
                        .isEqualTo(1);
            }
        });
    }

    /**
     * A body past what the AMQP client takes (twice the longest line) is never held whole: the client
     * drops the consumer's connection instead, and once the message expires the daemon consumes again.
     */
    @Test
    void aBodyPastTheClientsLimitCostsTheLinkUntilItExpiresNotTheMemory() {
        runner.withPropertyValues("eventdispatcher.broker.queue.message-ttl=2s").run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.sendRaw(
                        new byte[256 * 1024],
                        new AMQP.BasicProperties.Builder()
                                .contentType("text/plain")
                                .build(),
                        daemon.routingKey());
                await("the consumer's connection dropped")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> peer.consumers(daemon.queue()) == 0);
                await("the consumer back")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> peer.consumers(daemon.queue()) == 1);
                peer.send(from(tester, "PING"), daemon.routingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/PONG");
                assertThat(context).hasNotFailed();
            }
        });
    }

    @Test
    void aBodyBetweenTheLineAndTheClientsLimitIsDroppedUnreadAndCounted() {
        runner.run(context -> {
            try (AmqpPeer peer = peer()) {
                peer.sendRaw(
                        new byte[100 * 1024],
                        new AMQP.BasicProperties.Builder()
                                .contentType("text/plain")
                                .build(),
                        daemon.routingKey());
                peer.send(from(tester, "PING"), daemon.routingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/PONG");
                assertThat(rejected(context.getBean(MeterRegistry.class), "too-long"))
                        .isEqualTo(1);
            }
        });
    }

    @Test
    void aFailureOutOfTheListenerIsCountedNotRequeuedAndTheDaemonKeepsServing() {
        runner.run(context -> {
            BrokerAddress crasher = new BrokerAddress("crash" + SERVERS.get(), "tester");
            try (AmqpPeer crash = new AmqpPeer(broker.amqpPort(), "eventdispatcher", crasher);
                    AmqpPeer peer = peer()) {
                crash.send(from(crasher, "PING"), daemon.routingKey());
                peer.send(from(tester, "PING"), daemon.routingKey());
                assertThat(peer.nextLine()).endsWith("/HI");
                assertThat(peer.nextLine()).isEqualTo("<" + daemon + " " + tester + "/PONG");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> rejected(context.getBean(MeterRegistry.class), "listener-failure") >= 1);
                assertThat(peer.waiting(daemon.queue())).as("not requeued").isZero();
            }
        });
    }

    @Test
    void theInboundAdapterAndEveryTemplateUseTheLineConverter() {
        runner.run(context -> {
            AmqpInboundChannelAdapter inbound = context.getBean(AmqpInboundChannelAdapter.class);
            assertThat(new DirectFieldAccessor(inbound).getPropertyValue("messageConverter"))
                    .isInstanceOf(LineConverter.class);
            assertThat(context.getBean(PublishingConnection.class).template().getMessageConverter())
                    .isInstanceOf(LineConverter.class);
            context.getBeansOfType(RabbitTemplate.class).values().forEach(template -> assertThat(
                            template.getMessageConverter())
                    .isInstanceOf(LineConverter.class));
            assertThat(context.getBeansOfType(MessageConverter.class).values())
                    .allSatisfy(converter -> assertThat(converter).isInstanceOf(LineConverter.class));
        });
    }
}
