package org.eventdispatcher.bench.broker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * The server's side of the broker conversation with Spring AMQP's parts alone, as a Spring user
 * would write it: what the daemon's own code adds to them is the difference between this server
 * and the daemon, what they add to the RabbitMQ client the difference between this server and
 * {@link PlainAmqpServer}. It answers as the daemon does ({@link ServerRules}), set up as the
 * daemon sets up the same parts, and nothing else: a {@link SimpleMessageListenerContainer}
 * consuming the queue exclusively with one consumer and the daemon's prefetch (250),
 * acknowledging 50 messages at a time, or what came within 20 ms (the daemon's batches); replies
 * sent by a {@link RabbitTemplate} with {@code mandatory} (returns counted, never confirmed), on a
 * publishing connection of its own with one cached channel. No Spring context, no meters, no
 * Spring Integration.
 *
 * <pre>
 * java -cp bench/target/bench.jar org.eventdispatcher.bench.broker.SpringAmqpServer --amqp-port 5672 --address spring:server_service
 * </pre>
 */
public final class SpringAmqpServer {

    private static final int PREFETCH = 250;
    private static final int MESSAGES_PER_ACK = 50;
    private static final long ACK_WAIT_MILLIS = 20;

    private SpringAmqpServer() {}

    public static void main(String[] args) throws Exception {
        ServerOptions options = ServerOptions.parse(args, "spring:server_service");
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory(options.host(), options.port());
        connectionFactory.setConnectionNameStrategy(factory -> "spring-amqp-server");
        // the daemon's publishing connection: one channel, returns on, no confirms
        CachingConnectionFactory publishing =
                new CachingConnectionFactory(connectionFactory.getRabbitConnectionFactory());
        publishing.setChannelCacheSize(1);
        publishing.setChannelCheckoutTimeout(10_000);
        publishing.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.NONE);
        publishing.setPublisherReturns(true);

        String queueName = ServerRules.queueOf(options.address());
        TopicExchange topic = new TopicExchange(options.exchange(), true, false);
        Queue queue = new Queue(queueName, true, false, false, ServerRules.queueArguments());
        RabbitAdmin admin = new RabbitAdmin(connectionFactory);
        admin.declareExchange(topic);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(topic).with(ServerRules.routingKeyOf(options.address())));
        admin.declareBinding(BindingBuilder.bind(queue).to(topic).with(ServerRules.serviceKeyOf(options.address())));

        LongAdder unroutable = new LongAdder();
        RabbitTemplate template = new RabbitTemplate(publishing);
        template.setMandatory(true);
        template.setReturnsCallback(returned -> unroutable.increment());
        String exchangeName = options.exchange();
        ServerRules rules = new ServerRules(options.address());
        ServerRules.Replies replies = (to, line) -> {
            MessageProperties properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
            properties.setContentEncoding("utf-8");
            properties.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
            template.send(exchangeName, ServerRules.routingKeyOf(to), new Message(line, properties));
        };
        if (options.managementPort() > 0) {
            rules.countDadsAt(options.managementPort());
        }

        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queueName);
        container.setExclusive(true);
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(PREFETCH);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setBatchSize(MESSAGES_PER_ACK);
        container.setReceiveTimeout(ACK_WAIT_MILLIS);
        container.setDefaultRequeueRejected(false);
        container.setMessageListener((MessageListener) message -> {
            try {
                rules.handle(new String(message.getBody(), StandardCharsets.UTF_8), replies);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        container.afterPropertiesSet();
        container.start();
        System.out.println("Spring AMQP server on " + queueName + " (" + options.host() + ":" + options.port() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            container.stop();
            publishing.destroy();
            connectionFactory.destroy();
            stopped.countDown();
        }));
        stopped.await(); // until the process is stopped
    }
}
