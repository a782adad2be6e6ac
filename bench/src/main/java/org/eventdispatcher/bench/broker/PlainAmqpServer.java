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
        String host = "127.0.0.1";
        int port = 5672;
        String address = "plain:server_service";
        String exchange = "eventdispatcher";
        int managementPort = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--amqp-host" -> host = args[i + 1];
                case "--amqp-port" -> port = Integer.parseInt(args[i + 1]);
                case "--address" -> address = args[i + 1];
                case "--exchange" -> exchange = args[i + 1];
                case "--management-port" -> managementPort = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setAutomaticRecoveryEnabled(false);
        Connection connection = factory.newConnection("plain-amqp-server " + address);
        Channel consuming = connection.createChannel();
        Channel publishing = connection.createChannel();
        String queue = ServerRules.queueOf(address);
        consuming.exchangeDeclare(exchange, "topic", true);
        consuming.queueDeclare(queue, true, false, false, ServerRules.queueArguments());
        consuming.queueBind(queue, exchange, ServerRules.routingKeyOf(address));
        consuming.queueBind(queue, exchange, ServerRules.serviceKeyOf(address));
        consuming.basicQos(PREFETCH);
        ServerRules rules = new ServerRules(address);
        PlainAmqpServer server = new PlainAmqpServer(exchange, consuming, publishing, rules);
        if (managementPort > 0) {
            rules.countDadsAt(managementPort);
        }
        consuming.basicConsume(
                queue, false, "", false, true, null, (tag, delivery) -> server.handle(delivery), tag -> {});
        System.out.println("plain AMQP server on " + queue + " (" + host + ":" + port + ")");
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
