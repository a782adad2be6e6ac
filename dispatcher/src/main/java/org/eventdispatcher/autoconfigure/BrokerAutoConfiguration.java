package org.eventdispatcher.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.eventdispatcher.broker.BrokerJoin;
import org.eventdispatcher.broker.BrokerProperties;
import org.eventdispatcher.broker.BrokerPublisher;
import org.eventdispatcher.broker.BrokerReceiver;
import org.eventdispatcher.broker.LineConverter;
import org.eventdispatcher.broker.LineProperties;
import org.eventdispatcher.broker.NodeProperties;
import org.eventdispatcher.broker.PublishingConnection;
import org.eventdispatcher.broker.RejectedMessages;
import org.eventdispatcher.broker.UnreadMessages;
import org.eventdispatcher.broker.UnroutableMessages;
import org.eventdispatcher.broker.VirtualConnections;
import org.eventdispatcher.broker.queue.Acknowledgements;
import org.eventdispatcher.broker.queue.AddressClaim;
import org.eventdispatcher.broker.queue.ConsumerState;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.link.ReconnectPolicy;
import org.eventdispatcher.management.BrokerHealthIndicator;
import org.eventdispatcher.management.ReadinessIncludes;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.tcp.client.ClientConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The broker transport (PROTOCOL.md h), on with {@code eventdispatcher.broker.enabled} (or a client's
 * {@code broker-peer}): this daemon's exchange, queue and bindings, declared by Spring Boot's
 * {@code RabbitAdmin}; an inbound adapter taking the queue's messages to the dispatcher through
 * the sender's virtual connection; an outbound adapter publishing what is sent, routed by its
 * destination, its returns counted. The broker itself is Spring Boot's {@code spring.rabbitmq.*}.
 */
@AutoConfiguration(
        after = DispatcherAutoConfiguration.class,
        afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.integration.amqp.dsl.Amqp")
@ConditionalOnBooleanProperty("eventdispatcher.broker.enabled")
@EnableConfigurationProperties({BrokerProperties.class, NodeProperties.class})
public class BrokerAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BrokerAutoConfiguration.class);

    /** Runs just before the inbound adapter's consumer starts. */
    private static final int CLAIM_PHASE = Integer.MIN_VALUE + 1000;

    /** How long a publish waits for the one channel: publishes go one at a time, so it is busy only while one is stuck. */
    private static final Duration PUBLISHING_CHANNEL_WAIT = Duration.ofSeconds(10);

    /** How long a message handled waits at most for its acknowledgement, when fewer than a batch came. */
    private static final Duration ACKNOWLEDGEMENT_DELAY = Duration.ofMillis(20);

    @Bean
    BrokerAddress brokerAddress(NodeProperties node, Environment environment) {
        return node.address(environment.getProperty("spring.application.name", "eventdispatcher"));
    }

    /** The exchange, this daemon's queue and its two bindings (h.2); Spring Boot's RabbitAdmin declares them on every connection. */
    @Bean
    Declarables brokerTopology(BrokerProperties properties, BrokerAddress self) {
        TopicExchange exchange = new TopicExchange(properties.exchange(), true, false);
        Queue queue = new Queue(
                self.queue(),
                true,
                false,
                false,
                Map.of(
                        "x-max-length", properties.queue().maxLength(),
                        "x-overflow", "drop-head",
                        "x-message-ttl", properties.queue().messageTtl().toMillis()));
        Binding toThisDaemon = BindingBuilder.bind(queue).to(exchange).with(self.routingKey());
        Binding toTheService = BindingBuilder.bind(queue).to(exchange).with(self.serviceRoutingKey());
        return new Declarables(exchange, queue, toThisDaemon, toTheService);
    }

    @Bean
    MessageChannel brokerOutbound() {
        return new DirectChannel();
    }

    @Bean
    MessageChannel brokerReturns() {
        return new DirectChannel();
    }

    @Bean
    BrokerPublisher brokerPublisher(
            BrokerAddress self, @Qualifier("brokerOutbound") MessageChannel outbound, BrokerProperties properties) {
        return new BrokerPublisher(self, outbound, properties.buffer());
    }

    @Bean
    VirtualConnections virtualConnections(
            BrokerPublisher publisher,
            ConnectionEvents events,
            @Qualifier(IntegrationContextUtils.TASK_SCHEDULER_BEAN_NAME) TaskScheduler scheduler,
            BrokerProperties properties,
            DispatchProperties dispatch,
            Environment environment) {
        String joined = environment.getProperty("eventdispatcher.client.broker-peer", "");
        return new VirtualConnections(
                publisher,
                events,
                scheduler,
                properties,
                dispatch.trace(),
                joined.isBlank() ? null : BrokerAddress.parse(joined));
    }

    @Bean
    BrokerReceiver brokerReceiver(
            MessageDispatcher dispatcher,
            VirtualConnections connections,
            RejectedMessages rejected,
            Acknowledgements acknowledgements) {
        return new BrokerReceiver(dispatcher, connections, rejected, acknowledgements);
    }

    @Bean
    ConsumerState brokerConsumerState(BrokerPublisher publisher) {
        return new ConsumerState(publisher::flush);
    }

    /**
     * One exclusive consumer on this daemon's queue: messages are handled in the order sent, and a
     * second daemon with the same address cannot take them (see {@link AddressClaim}). The direct
     * container runs the listener on the client's own delivery thread: no hand-off, and nothing
     * polls while the daemon is idle.
     */
    @Bean
    DirectMessageListenerContainer brokerListenerContainer(
            ConnectionFactory connectionFactory, BrokerAddress self, RejectedMessages rejected) {
        DirectMessageListenerContainer container = new DirectMessageListenerContainer(connectionFactory);
        // what the listener throws is counted and never requeued, an Error too: Spring AMQP's
        // default for an Error is System.exit(99), which no message may cause
        container.setErrorHandler(rejected);
        container.setJavaLangErrorHandler(rejected);
        container.setQueueNames(self.queue());
        container.setConsumersPerQueue(1);
        container.setExclusive(true);
        container.setPrefetchCount(250);
        // acknowledged many at once by Acknowledgements, not by the container's batches (see there)
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setDefaultRequeueRejected(false);
        // no spring.rabbitmq.listener timer: it would time each message a second time, under a
        // key looked up per message, where eventdispatcher.messages.received{transport=amqp} and
        // eventdispatcher.handler.duration already count and time them
        container.setMicrometerEnabled(false);
        // a broker that restarts is back within seconds: try every second, then less often
        ExponentialBackOff recovery = new ExponentialBackOff(1000, 1.5);
        recovery.setMaxInterval(5000);
        container.setRecoveryBackOff(recovery);
        container.setAutoStartup(false); // the inbound adapter starts it
        container.setPhase(Acknowledgements.PHASE - 1); // stops after them: what waits is acknowledged first
        return container;
    }

    @Bean
    RejectedMessages brokerRejectedMessages(MeterRegistry registry) {
        return new RejectedMessages(registry);
    }

    @Bean
    Acknowledgements brokerAcknowledgements(
            @Qualifier(IntegrationContextUtils.TASK_SCHEDULER_BEAN_NAME) TaskScheduler scheduler) {
        return new Acknowledgements(scheduler, ACKNOWLEDGEMENT_DELAY);
    }

    @Bean
    UnreadMessages brokerUnreadMessages(RejectedMessages rejected, Acknowledgements acknowledgements) {
        return new UnreadMessages(rejected, acknowledgements);
    }

    /**
     * The only AMQP converter of the daemon: Spring Boot's {@code RabbitTemplate} takes it too, so
     * nothing in the daemon ever deserializes a Java object off the broker.
     */
    @Bean
    LineConverter brokerLineConverter(BrokerProperties properties, RejectedMessages rejected) {
        return new LineConverter((int) properties.maxLineLength().toBytes(), rejected);
    }

    @Bean
    AddressClaim brokerAddressClaim(ConnectionFactory connectionFactory, BrokerAddress self) {
        return new AddressClaim(connectionFactory, self, CLAIM_PHASE);
    }

    /** A second connection like Spring Boot's, with one channel: messages leave in the order sent. */
    @Bean
    PublishingConnection brokerPublishingConnection(
            CachingConnectionFactory connectionFactory,
            CachingConnectionFactoryConfigurer configurer,
            LineConverter lines) {
        CachingConnectionFactory publishing =
                new CachingConnectionFactory(connectionFactory.getRabbitConnectionFactory());
        configurer.configure(publishing);
        PublishingConnection connection = new PublishingConnection(publishing, PUBLISHING_CHANNEL_WAIT.toMillis());
        connection.template().setMessageConverter(lines);
        return connection;
    }

    @Bean
    UnroutableMessages unroutableMessages(MeterRegistry registry) {
        return new UnroutableMessages(registry);
    }

    /*
     * The broker's path, one flow per direction (PROTOCOL.md h):
     *   in:  this daemon's queue → inbound adapter (LineConverter: text only) → BrokerReceiver
     *        → the dispatcher, as a line from the sender's VirtualConnection; what the adapter
     *        cannot read → brokerUnread → UnreadMessages; either way acknowledged (Acknowledgements)
     *   out: VirtualConnection.send → BrokerPublisher → brokerOutbound → outbound adapter
     *        → the exchange, routed by the destination; what no queue takes → UnroutableMessages
     * Replies are sent, not returned: the inbound flow ends at the receiver.
     */

    @Bean
    IntegrationFlow brokerInbound(
            DirectMessageListenerContainer brokerListenerContainer, LineConverter lines, BrokerReceiver receiver) {
        return IntegrationFlow.from(Amqp.inboundAdapter(brokerListenerContainer)
                        .messageConverter(lines)
                        .headerMapper(new LineProperties())
                        .errorChannel("brokerUnread"))
                .handle(receiver)
                .get();
    }

    @Bean
    IntegrationFlow brokerUnreadFlow(UnreadMessages handler) {
        return IntegrationFlow.from("brokerUnread").handle(handler).get();
    }

    /** The AMQP properties of a line (h.2) go on the wire, not our routing header. */
    @Bean
    IntegrationFlow brokerOutboundFlow(
            @Qualifier("brokerOutbound") MessageChannel outbound,
            PublishingConnection publishing,
            BrokerProperties properties,
            @Qualifier("brokerReturns") MessageChannel returns) {
        return IntegrationFlow.from(outbound)
                .handle(Amqp.outboundAdapter(publishing.template())
                        .exchangeName(properties.exchange())
                        .routingKeyFunction(BrokerPublisher::routingKeyOf)
                        .headerMapper(new LineProperties())
                        .headersMappedLast(true) // text/plain over the converter's octet-stream
                        .returnChannel(returns))
                .get();
    }

    @Bean
    IntegrationFlow brokerReturnsFlow(
            @Qualifier("brokerReturns") MessageChannel returns, UnroutableMessages unroutable) {
        return IntegrationFlow.from(returns).handle(unroutable).get();
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> brokerReadyLine(
            BrokerAddress self, BrokerProperties properties, ConnectionFactory connectionFactory) {
        return ready -> log.info(
                "on the broker as {} (queue {}, exchange {}, at {}:{})",
                self,
                self.queue(),
                properties.exchange(),
                connectionFactory.getHost(),
                connectionFactory.getPort());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class BrokerHealthConfiguration {

        @Bean
        BrokerHealthIndicator brokerHealthIndicator(
                ConsumerState consumer,
                BrokerAddress self,
                BrokerProperties properties,
                VirtualConnections connections) {
            return new BrokerHealthIndicator(consumer, self, properties.exchange(), connections);
        }

        @Bean
        static ReadinessIncludes readinessIncludesBroker() {
            return new ReadinessIncludes("broker", "rabbit");
        }
    }

    /** A client that joins its server by name through the broker instead of a TCP connection (h.4). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!'${eventdispatcher.client.broker-peer:}'.isBlank()")
    @EnableConfigurationProperties(ClientConnectionProperties.class)
    static class BrokerClientConfiguration {

        @Bean
        BrokerJoin brokerJoin(
                Environment environment,
                BrokerPublisher publisher,
                ClientConnectionProperties client,
                @Qualifier(IntegrationContextUtils.TASK_SCHEDULER_BEAN_NAME) TaskScheduler scheduler) {
            BrokerAddress server =
                    BrokerAddress.parse(environment.getRequiredProperty("eventdispatcher.client.broker-peer"));
            return new BrokerJoin(
                    server,
                    publisher,
                    new ReconnectPolicy(
                            client.reconnect().pauses(), client.reconnect().jitter()),
                    scheduler);
        }
    }
}
