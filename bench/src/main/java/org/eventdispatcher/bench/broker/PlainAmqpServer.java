package org.eventdispatcher.bench.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The server's side of the conversation over RabbitMQ with the plain client and nothing else: the
 * broker's ceiling on this machine, for the daemon's figures to be read against (as the plain-JDK
 * baseline is for TCP). It declares what the daemon declares (h.2), consumes its queue exclusively
 * with the daemon's prefetch (250), acknowledging 50 messages at a time (as the daemon's
 * Acknowledgements do), and answers as the daemon does ({@link ServerRules}). One channel consumes,
 * another publishes, both on the client's delivery thread. With {@code --management-port} it counts
 * the {@code DAD}s it takes, as the daemon's meter, for the one-way figure.
 *
 * <pre>
 * java -cp bench/target/bench.jar org.eventdispatcher.bench.broker.PlainAmqpServer --amqp-port 5672 --address plain:server_service
 * </pre>
 */
public final class PlainAmqpServer {

    private static final int PREFETCH = 250;
    private static final int MESSAGES_PER_ACK = 50;

    private final String exchange;
    private final Channel publishing;
    private final Channel consuming;
    private final ServerRules rules;
    private int unacknowledged;

    private PlainAmqpServer(String exchange, Channel consuming, Channel publishing, ServerRules rules) {
        this.exchange = exchange;
        this.consuming = consuming;
        this.publishing = publishing;
        this.rules = rules;
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options = ServerOptions.parse(args, "plain:server_service");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(options.host());
        factory.setPort(options.port());
        factory.setAutomaticRecoveryEnabled(false);
        Connection connection = factory.newConnection("plain-amqp-server " + options.address());
        Channel consuming = connection.createChannel();
        Channel publishing = connection.createChannel();
        String queue = ServerRules.queueOf(options.address());
        consuming.exchangeDeclare(options.exchange(), "topic", true);
        consuming.queueDeclare(queue, true, false, false, ServerRules.queueArguments());
        consuming.queueBind(queue, options.exchange(), ServerRules.routingKeyOf(options.address()));
        consuming.queueBind(queue, options.exchange(), ServerRules.serviceKeyOf(options.address()));
        consuming.basicQos(PREFETCH);
        ServerRules rules = new ServerRules(options.address());
        PlainAmqpServer server = new PlainAmqpServer(options.exchange(), consuming, publishing, rules);
        if (options.managementPort() > 0) {
            rules.countDadsAt(options.managementPort());
        }
        consuming.basicConsume(
                queue, false, "", false, true, null, (tag, delivery) -> server.handle(delivery), tag -> {});
        System.out.println("plain AMQP server on " + queue + " (" + options.host() + ":" + options.port() + ")");
        CountDownLatch closed = new CountDownLatch(1);
        connection.addShutdownListener(cause -> closed.countDown());
        closed.await(); // until the broker goes or the process is killed
    }

    private void handle(Delivery delivery) throws IOException {
        rules.handle(new String(delivery.getBody(), StandardCharsets.UTF_8), this::reply);
        if (++unacknowledged == MESSAGES_PER_ACK) {
            consuming.basicAck(delivery.getEnvelope().getDeliveryTag(), true);
            unacknowledged = 0;
        }
    }

    private void reply(String to, byte[] line) throws IOException {
        publishing.basicPublish(exchange, ServerRules.routingKeyOf(to), true, BrokerConversations.TEXT, line);
    }
}
