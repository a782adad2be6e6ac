package org.eventdispatcher.autoconfigure;

import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.link.ReconnectPolicy;
import org.eventdispatcher.tcp.client.ClientConnectionProperties;
import org.eventdispatcher.tcp.client.ClientConnectionWriter;
import org.eventdispatcher.tcp.client.LineFraming;
import org.eventdispatcher.tcp.client.PermanentConnection;
import org.eventdispatcher.tcp.client.ServerListConnectionFactory;
import org.eventdispatcher.tcp.tls.ClientTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;

/**
 * The client side of a daemon: a permanent connection to {@code eventdispatcher.client.server},
 * whose lines go to the dispatcher. Only a daemon that names a server to connect to gets one (the
 * client sets it in its {@code application.yml}); a server daemon never does. A client that joins
 * its server through the broker ({@code broker-peer}) has none.
 */
@AutoConfiguration(after = DispatcherAutoConfiguration.class)
@ConditionalOnProperty(prefix = "eventdispatcher.client", name = "server")
@ConditionalOnExpression("'${eventdispatcher.client.broker-peer:}'.isBlank()")
@EnableConfigurationProperties(ClientConnectionProperties.class)
public class TcpClientAutoConfiguration {

    /**
     * One socket at a time, to the server the permanent connection picks, LF-framed lines
     * (PROTOCOL.md a.3), no connect attempt of its own. Each connection is read on a thread of its
     * own, named for the logs, that ends with the connection. TLS when
     * {@code eventdispatcher.client.ssl.bundle} names a Spring Boot SSL bundle, the server's host
     * name (or IP) checked against its certificate.
     */
    @Bean
    ServerListConnectionFactory clientConnectionFactory(
            ClientConnectionProperties properties, ObjectProvider<SslBundles> sslBundles) {
        LineFraming lines = new LineFraming((int) properties.maxLineLength().toBytes());
        ServerListConnectionFactory factory =
                new ServerListConnectionFactory(properties.serverAddresses().get(0));
        factory.setSerializer(lines);
        factory.setDeserializer(lines);
        factory.setTaskExecutor(new SimpleAsyncTaskExecutor("connection-"));
        factory.setSingleUse(false);
        factory.setConnectTimeout((int) Math.max(1, properties.connectTimeout().toSeconds()));
        factory.setSoTcpNoDelay(true);
        if (properties.ssl().isOn()) {
            factory.setTcpSocketFactorySupport(
                    ClientTls.from(sslBundles.getObject(), properties.ssl().bundle()));
            factory.setTcpSocketSupport(
                    new DefaultTcpSocketSupport(properties.ssl().verifyHost()));
            factory.setHandshakeTimeout(properties.ssl().handshakeTimeout());
        }
        return factory;
    }

    @Bean
    PermanentConnection permanentConnection(
            ServerListConnectionFactory clientConnectionFactory,
            ClientConnectionProperties properties,
            @Qualifier(IntegrationContextUtils.TASK_SCHEDULER_BEAN_NAME) TaskScheduler taskScheduler,
            MessageDispatcher dispatcher,
            ConnectionEvents connectionEvents,
            ApplicationEventPublisher events,
            @Qualifier("clientOutbound") MessageChannel clientOutbound) {
        ReconnectPolicy policy = new ReconnectPolicy(
                properties.reconnect().pauses(), properties.reconnect().jitter());
        // attempts and probes may wait on the server (up to the connect and handshake timeouts, or
        // for room in the socket): on threads of their own, never on the shared scheduler
        SimpleAsyncTaskExecutor linkWork = new SimpleAsyncTaskExecutor("client-link-");
        return new PermanentConnection(
                clientConnectionFactory,
                properties,
                policy,
                taskScheduler,
                linkWork,
                dispatcher,
                connectionEvents,
                events,
                clientOutbound);
    }

    /** Every line to the server: what the application sends, the buffer, replies, {@code ALIVE}. */
    @Bean
    DirectChannel clientOutbound() {
        return new DirectChannel();
    }

    /**
     * Lines to the server, each written to the connection its header names, on the sender's
     * thread (the link needs to know at once whether the connection took it). Not Spring
     * Integration's outbound adapter: on a client factory it opens a connection when there is none,
     * behind the reconnect policy's back.
     */
    @Bean
    IntegrationFlow clientOutboundFlow(
            ServerListConnectionFactory clientConnectionFactory,
            @Qualifier("clientOutbound") MessageChannel clientOutbound) {
        return IntegrationFlow.from(clientOutbound)
                .handle(new ClientConnectionWriter(clientConnectionFactory))
                .get();
    }

    /**
     * Lines from the server to the permanent connection, which dispatches them. The adapter also
     * starts and stops the connection factory; it never connects by itself (no client mode: the
     * permanent connection decides when).
     *
     * <p>The connection is looked up when a line arrives, not injected: a lifecycle bean starts the
     * beans it depends on first, and the permanent connection must start in its own, last phase,
     * once the factory and the management server are up.
     */
    @Bean
    IntegrationFlow clientInboundFlow(
            ServerListConnectionFactory clientConnectionFactory,
            ObjectProvider<PermanentConnection> permanentConnection) {
        return IntegrationFlow.from(Tcp.inboundAdapter(clientConnectionFactory))
                .handle(PermanentConnection.receiver(permanentConnection::getObject))
                .get();
    }
}
