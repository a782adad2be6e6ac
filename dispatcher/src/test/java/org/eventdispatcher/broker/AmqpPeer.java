package org.eventdispatcher.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eventdispatcher.protocol.transport.BrokerAddress;

/**
 * A daemon on the broker, played with the plain RabbitMQ client: its own queue bound with its
 * address, every body received kept in order, lines published as the spec says (PROTOCOL.md h.2).
 */
final class AmqpPeer implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String exchange;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    record Received(String body, AMQP.BasicProperties properties, String routingKey) {}

    AmqpPeer(int port, String exchange, BrokerAddress self) throws IOException, TimeoutException {
        this(port, exchange, self, null);
    }

    /** @param durableQueue a queue that outlives the peer and the broker's restart; null: one of its own, gone with it */
    AmqpPeer(int port, String exchange, BrokerAddress self, String durableQueue) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        this.connection = factory.newConnection("test peer " + self);
        this.channel = connection.createChannel();
        this.exchange = exchange;
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = durableQueue == null
                ? channel.queueDeclare("", false, true, true, null).getQueue()
                : channel.queueDeclare(durableQueue, true, false, false, null).getQueue();
        channel.queueBind(queue, exchange, self.routingKey());
        DeliverCallback keep = (tag, delivery) -> received.add(new Received(
                new String(delivery.getBody(), StandardCharsets.UTF_8),
                delivery.getProperties(),
                delivery.getEnvelope().getRoutingKey()));
        channel.basicConsume(queue, true, keep, tag -> {});
    }

    /** Publishes one line as text with this routing key. */
    void send(String line, String routingKey) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("text/plain")
                .contentEncoding("utf-8")
                .build();
        channel.basicPublish(exchange, routingKey, properties, line.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes any body with any properties: what a careless or hostile publisher can do. */
    void sendRaw(byte[] body, AMQP.BasicProperties properties, String routingKey) throws IOException {
        channel.basicPublish(exchange, routingKey, properties, body);
    }

    /** How many consumers {@code queue} has now (a passive declare). */
    int consumers(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getConsumerCount();
    }

    /** How many messages wait in {@code queue} now (a passive declare). */
    int waiting(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** The next message received, waiting up to 10 s. */
    Received next() throws InterruptedException {
        return nextWithin(Duration.ofSeconds(10));
    }

    Received nextWithin(Duration wait) throws InterruptedException {
        Received next = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("nothing received within " + wait);
        }
        return next;
    }

    /** The body of the next message received. */
    String nextLine() throws InterruptedException {
        return next().body();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
