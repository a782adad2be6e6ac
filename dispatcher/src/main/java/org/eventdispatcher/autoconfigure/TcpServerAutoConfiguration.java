package org.eventdispatcher.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.link.Durations;
import org.eventdispatcher.tcp.server.ConnectionIdMessageMapper;
import org.eventdispatcher.tcp.server.ConnectionSlots;
import org.eventdispatcher.tcp.server.LineReceiver;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.tcp.server.NettyServerConnectionFactory;
import org.eventdispatcher.tcp.server.ServerThreading;
import org.eventdispatcher.tcp.server.ServerTls;
import org.eventdispatcher.tcp.server.TcpServerConnections;
import org.eventdispatcher.tcp.server.TcpServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

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
        return new ConnectionSlots(properties.maxConnections(), properties.maxConnectionsPerAddress(),
                reason -> metrics.ifAvailable(meters -> meters.rejected(reason)));
    }

    /**
     * The Netty transport; its pipeline frames the lines, so no (de)serializer is set. TLS when
     * {@code eventdispatcher.server.ssl.bundle} names a Spring Boot SSL bundle.
     */
    @Bean(CONNECTION_FACTORY)
    NettyServerConnectionFactory tcpServerConnectionFactory(TcpServerProperties properties, ConnectionSlots slots,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<ConnectionMetrics> metrics) {
        ServerTls tls = properties.ssl().isOn() ? ServerTls.from(sslBundles.getObject(), properties.ssl()) : null;
        NettyServerConnectionFactory factory = new NettyServerConnectionFactory(properties, slots,
                properties.threading() == ServerThreading.THREAD_PER_CONNECTION
                        ? properties.handlerThreads().executors("tcp-handler-", properties.handlerThreadStack().toBytes())
                        : null,
                tls, () -> metrics.ifAvailable(ConnectionMetrics::tlsHandshakeFailed));
        factory.setMapper(new ConnectionIdMessageMapper());
        return factory;
    }

    @Bean
    MessageChannel tcpServerReplies() {
        return new DirectChannel();
    }

    @Bean
    TcpServerConnections tcpServerConnections(@Qualifier("tcpServerReplies") MessageChannel replies,
            MessageDispatcher dispatcher, ApplicationEventPublisher publisher, DispatchProperties dispatch,
            TcpServerProperties properties, ConnectionRegistry registry) {
        return new TcpServerConnections(CONNECTION_FACTORY, replies, dispatcher, publisher, dispatch,
                properties.idleTimeout(), registry);
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

    /**
     * The one line a daemon prints once it serves: name, version, address, and how long the start
     * took (the application's own part, and since the JVM started).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> tcpServerReadyLine(AbstractServerConnectionFactory factory,
            Environment environment, ObjectProvider<BuildProperties> build) {
        ListeningServer server = (ListeningServer) factory;
        return ready -> {
            BuildProperties properties = build.getIfAvailable();
            String name = environment.getProperty("spring.application.name",
                    properties != null ? properties.getArtifact() : "eventdispatcher");
            String version = properties != null ? properties.getVersion() : "(development)";
            Instant jvmStart = ProcessHandle.current().info().startInstant().orElse(null);
            log.info("{} {} listening on {} (ready in {}{})", name, version, server.listenAddress(),
                    millis(ready.getTimeTaken()),
                    jvmStart == null ? "" : ", JVM up " + millis(Duration.between(jvmStart, Instant.now())));
        };
    }

    private static String millis(Duration duration) {
        return Durations.seconds(Duration.ofMillis(duration.toMillis()));
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
