package org.eventdispatcher.bench.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's side of the conversation over RabbitMQ with the plain client and nothing else: the
 * broker's ceiling on this machine, for the daemon's figures to be read against (as the plain-JDK
 * baseline is for TCP). It declares what the daemon declares (h.2), consumes its queue exclusively
 * with the daemon's prefetch (250), acknowledging 50 messages at a time (the most a plain client
 * can save; the daemon acknowledges each, see BrokerAutoConfiguration), and answers as the daemon
 * does (h.4, h.5): {@code HI} to a sender it does not know yet, {@code ABSOLUTELY} to {@code ALIVE},
 * {@code CLIMB}, {@code WHO}, {@code BYE}; {@code DISCONNECTING} forgets the sender. One channel
 * consumes, another publishes, both on the client's delivery thread. With {@code --management-port}
 * it counts the {@code DAD}s it takes, as the daemon's meter, for the one-way figure.
 *
 * <pre>
 * java -cp bench/target/bench.jar org.eventdispatcher.bench.broker.PlainAmqpServer --amqp-port 5672 --address plain:server_service
 * </pre>
 */
public final class PlainAmqpServer {

    private static final int PREFETCH = 250;
    private static final int MESSAGES_PER_ACK = 50;

    private final String address;
    private final String exchange;
    private final Channel publishing;
    private final Channel consuming;
    private final Set<String> known = new HashSet<>();
    private int unacknowledged;
    private final LongAdder dads = new LongAdder();

    private PlainAmqpServer(String address, String exchange, Channel consuming, Channel publishing) {
        this.address = address;
        this.exchange = exchange;
        this.consuming = consuming;
        this.publishing = publishing;
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
        String key = address.replace(':', '.');
        String service = address.substring(address.indexOf(':') + 1);
        String queue = "ed." + key;
        consuming.exchangeDeclare(exchange, "topic", true);
        consuming.queueDeclare(
                queue,
                true,
                false,
                false,
                Map.of("x-max-length", 10_000, "x-overflow", "drop-head", "x-message-ttl", 60_000L));
        consuming.queueBind(queue, exchange, key);
        consuming.queueBind(queue, exchange, "all." + service);
        consuming.basicQos(PREFETCH);
        PlainAmqpServer server = new PlainAmqpServer(address, exchange, consuming, publishing);
        if (managementPort > 0) {
            server.countDadsAt(managementPort);
        }
        consuming.basicConsume(
                queue, false, "", false, true, null, (tag, delivery) -> server.handle(delivery), tag -> {});
        System.out.println("plain AMQP server on " + queue + " (" + host + ":" + port + ")");
        CountDownLatch closed = new CountDownLatch(1);
        connection.addShutdownListener(cause -> closed.countDown());
        closed.await(); // until the broker goes or the process is killed
    }

    private void handle(Delivery delivery) throws IOException {
        String line = new String(delivery.getBody(), StandardCharsets.UTF_8);
        String sender = null;
        String rest = line;
        if (line.startsWith("<")) {
            int space = line.indexOf(' ');
            sender = line.substring(1, space);
            rest = line.substring(space + 1);
        }
        String command = BrokerConversations.commandOf(rest);
        if (command.equals("DAD")) {
            dads.increment();
        }
        if (sender != null) {
            if (command.equals("DISCONNECTING")) {
                known.remove(sender);
            } else {
                if (known.add(sender)) {
                    reply(sender, "HI");
                }
                switch (command) {
                    case "ALIVE" -> reply(sender, "ABSOLUTELY");
                    case "DAD" -> reply(sender, "CLIMB");
                    case "TOP" -> reply(sender, "WHO");
                    case "MOM" -> reply(sender, "BYE");
                    default -> {}
                }
            }
        }
        if (++unacknowledged == MESSAGES_PER_ACK) {
            consuming.basicAck(delivery.getEnvelope().getDeliveryTag(), true);
            unacknowledged = 0;
        }
    }

    /** The daemon's meter of DAD messages received, as OneWayLoad reads it from a daemon's Prometheus endpoint. */
    private void countDadsAt(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/actuator/prometheus", exchange -> {
            byte[] body = ("eventdispatcher_messages_received_total{command=\"DAD\",transport=\"amqp\"} " + dads.sum()
                            + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }

    private void reply(String to, String command) throws IOException {
        byte[] body = ("<" + address + " " + to + "/" + command).getBytes(StandardCharsets.UTF_8);
        publishing.basicPublish(exchange, to.replace(':', '.'), true, BrokerConversations.TEXT, body);
    }
}
