package org.eventdispatcher.autoconfigure;

import org.eventdispatcher.connection.BoundedTcpNetServerConnectionFactory;
import org.eventdispatcher.connection.EventLoopServerConnectionFactory;
import org.eventdispatcher.connection.ListeningServer;
import org.eventdispatcher.connection.ServerThreading;
import org.eventdispatcher.connection.ConnectionIdMessageMapper;
import org.eventdispatcher.connection.ConnectionSlots;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.connection.LineFraming;
import org.eventdispatcher.connection.LineReceiver;
import org.eventdispatcher.connection.StalledWriteWatchdog;
import org.eventdispatcher.connection.TcpServerConnections;
import org.eventdispatcher.connection.TcpServerProperties;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;

/**
 * The TCP server of a daemon that sets {@code eventdispatcher.server.listen}: a connection
 * factory, an inbound adapter handing each line to the dispatcher, an outbound adapter taking
 * each reply to the connection it answers.
 */
@AutoConfiguration(after = DispatcherAutoConfiguration.class)
@ConditionalOnProperty(prefix = "eventdispatcher.server", name = "listen")
@EnableConfigurationProperties(TcpServerProperties.class)
public class TcpServerAutoConfiguration {

    /** Bean name of the connection factory; its connection events carry it. */
    public static final String CONNECTION_FACTORY = "tcpServerConnectionFactory";

    private static final Logger log = LoggerFactory.getLogger(TcpServerAutoConfiguration.class);

    @Bean
    ConnectionSlots tcpServerConnectionSlots(TcpServerProperties properties, ObjectProvider<ConnectionMetrics> metrics) {
        return new ConnectionSlots(properties.maxConnections(), () -> metrics.ifAvailable(ConnectionMetrics::rejected));
    }

    @Bean
    StalledWriteWatchdog tcpServerWriteWatchdog(
            @Qualifier(IntegrationContextUtils.TASK_SCHEDULER_BEAN_NAME) TaskScheduler scheduler,
            TcpServerProperties properties) {
        return new StalledWriteWatchdog(scheduler, properties.sendTimeout());
    }

    @Bean(CONNECTION_FACTORY)
    AbstractServerConnectionFactory tcpServerConnectionFactory(TcpServerProperties properties,
            ConnectionSlots slots, StalledWriteWatchdog watchdog) {
        AbstractServerConnectionFactory factory;
        if (properties.threading() == ServerThreading.EVENT_LOOPS) {
            factory = new EventLoopServerConnectionFactory(properties.listenAddress(), slots, watchdog,
                    properties.eventLoops(), properties.idleTimeout());
        } else {
            BoundedTcpNetServerConnectionFactory threadPerConnection =
                    new BoundedTcpNetServerConnectionFactory(properties.listenAddress(), slots, watchdog);
            threadPerConnection.setSoTimeout((int) properties.idleTimeout().toMillis());
            threadPerConnection.setTaskExecutor(properties.readerThreads().executor("tcp-server-",
                    properties.readerThreadStack().toBytes()));
            factory = threadPerConnection;
        }
        LineFraming framing = new LineFraming((int) properties.maxLineLength().toBytes());
        factory.setDeserializer(framing);
        factory.setSerializer(framing);
        factory.setMapper(new ConnectionIdMessageMapper());
        factory.setBacklog(properties.backlog());
        factory.setSoTcpNoDelay(true); // replies are already batched; do not let Nagle delay them
        return factory;
    }

    @Bean
    MessageChannel tcpServerReplies() {
        return new DirectChannel();
    }

    @Bean
    TcpServerConnections tcpServerConnections(@Qualifier("tcpServerReplies") MessageChannel replies,
            MessageDispatcher dispatcher, ApplicationEventPublisher publisher, DispatchProperties dispatch,
            TcpServerProperties properties) {
        return new TcpServerConnections(CONNECTION_FACTORY, replies, dispatcher, publisher, dispatch,
                properties.idleTimeout());
    }

    @Bean
    IntegrationFlow tcpServerInbound(AbstractServerConnectionFactory factory, TcpServerConnections connections,
            MessageDispatcher dispatcher) {
        return IntegrationFlow.from(Tcp.inboundAdapter(factory))
                .handle(new LineReceiver(connections, dispatcher))
                .get();
    }

    @Bean
    IntegrationFlow tcpServerOutbound(@Qualifier("tcpServerReplies") MessageChannel replies,
            AbstractServerConnectionFactory factory) {
        return IntegrationFlow.from(replies)
                .handle(Tcp.outboundAdapter(factory))
                .get();
    }

    /** The one line a daemon prints once it serves: name, version and address. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> tcpServerReadyLine(AbstractServerConnectionFactory factory,
            Environment environment, ObjectProvider<BuildProperties> build) {
        ListeningServer server = (ListeningServer) factory;
        return ready -> {
            BuildProperties properties = build.getIfAvailable();
            String name = environment.getProperty("spring.application.name",
                    properties != null ? properties.getArtifact() : "eventdispatcher");
            String version = properties != null ? properties.getVersion() : "(development)";
            log.info("{} {} listening on {}", name, version, server.listenAddress());
        };
    }

    /** Says why the connections are about to close, on QUIT and on SIGTERM alike. */
    @Bean
    ApplicationListener<ContextClosedEvent> tcpServerStoppingLine(AbstractServerConnectionFactory factory,
            ConnectionSlots slots, ApplicationContext context) {
        ListeningServer server = (ListeningServer) factory;
        return closed -> {
            if (closed.getApplicationContext() != context) {
                return; // the management server's child context
            }
            log.info("stopping: no longer listening on {}, closing {} connections",
                    server.listenAddress(), slots.open());
        };
    }
}
