package org.eventdispatcher.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.link.Durations;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.protocol.transport.UnixPath;
import org.eventdispatcher.tcp.server.ConnectionReports;
import org.eventdispatcher.tcp.server.ConnectionSlots;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.tcp.server.NettyTcpServer;
import org.eventdispatcher.tcp.server.ServerThreading;
import org.eventdispatcher.tcp.server.TcpServerProperties;
import org.eventdispatcher.tcp.server.flow.LineDispatcher;
import org.eventdispatcher.tcp.server.listener.ListenAddress;
import org.eventdispatcher.tcp.server.listener.Listener;
import org.eventdispatcher.tcp.server.listener.UnknownListenerNames;
import org.eventdispatcher.tcp.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The TCP server of a daemon that sets {@code eventdispatcher.server.listen}: the Netty server,
 * and the one flow its lines take, from the inbound adapter through the dispatcher to the
 * outbound adapter.
 */
@AutoConfiguration(after = DispatcherAutoConfiguration.class)
@ConditionalOnProperty(prefix = "eventdispatcher.server", name = "listen")
@EnableConfigurationProperties(TcpServerProperties.class)
public class TcpServerAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TcpServerAutoConfiguration.class);

    @Bean
    ConnectionSlots tcpServerConnectionSlots(
            TcpServerProperties properties, ObjectProvider<ConnectionMetrics> metrics) {
        return new ConnectionSlots(
                properties.maxConnections(),
                properties.maxConnectionsPerAddress(),
                reason -> metrics.ifAvailable(meters -> meters.rejected(reason)));
    }

    /**
     * The Netty server. TLS when {@code eventdispatcher.server.ssl.bundle} names a Spring Boot SSL
     * bundle; with {@code threading=thread-per-connection}, the handlers' threads.
     */
    @Bean
    NettyTcpServer tcpServer(
            TcpServerProperties properties,
            ConnectionSlots slots,
            ConnectionEvents events,
            MessageDispatcher dispatcher,
            DispatchProperties dispatch,
            ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<ConnectionMetrics> metrics) {
        List<Listener> listeners = properties.listenAddresses().stream()
                .map(address -> listener(properties, address, sslBundles))
                .toList();
        Executor handlerThreads = properties.threading() == ServerThreading.THREAD_PER_CONNECTION
                ? properties
                        .handlerThreads()
                        .executor(
                                "tcp-handler-", properties.handlerThreadStack().toBytes(), properties.maxConnections())
                : null;
        return new NettyTcpServer(
                properties,
                slots,
                handlerThreads,
                listeners,
                () -> metrics.ifAvailable(ConnectionMetrics::tlsHandshakeFailed),
                events,
                new ConnectionReports(dispatcher, dispatch.trace(), properties.idleTimeout()));
    }

    /** A listener with its TLS: its own bundle, or the server's, on TCP; none on a Unix socket. */
    private static Listener listener(
            TcpServerProperties properties, ListenAddress address, ObjectProvider<SslBundles> sslBundles) {
        if (address.address() instanceof UnixPath) {
            return new Listener(address, null, properties.unixOf(address));
        }
        TcpServerProperties.Ssl ssl = properties.sslOf(address);
        if (!ssl.isOn()) {
            return new Listener(address, null, properties.unixOf(address));
        }
        String property = ssl == properties.ssl()
                ? "eventdispatcher.server.ssl.bundle"
                : "eventdispatcher.server.listeners." + address.name() + ".ssl.bundle";
        ServerTls tls = ServerTls.from(
                sslBundles.getObject(), property, ssl.bundle(), ssl.clientAuth().netty(), ssl.handshakeTimeout());
        return new Listener(address, tls, properties.unixOf(address));
    }

    /**
     * A line's way: read by the connection, to the dispatcher with its connection as the peer;
     * whatever is sent to a connection (the handlers' replies, the greeting, a line sent later)
     * goes on the replies channel to the outbound adapter, which writes it to the connection.
     */
    @Bean
    IntegrationFlow tcpServerFlow(NettyTcpServer server, MessageDispatcher dispatcher) {
        return IntegrationFlow.from(server.inbound())
                .handle(new LineDispatcher(dispatcher))
                .channel(server.replies())
                .handle(server.outbound())
                .get();
    }

    /** Once the handlers are known: a handler class limited to a listener no entry names is said at start. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> unknownListenerNames(
            TcpServerProperties properties, MessageDispatcher dispatcher) {
        return ready -> UnknownListenerNames.warnOf(properties.listenAddresses(), dispatcher.commandsByListener());
    }

    /**
     * The one line a daemon prints once it serves: name, version, address, and how long the start
     * took (the application's own part, and since the JVM started).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> tcpServerReadyLine(
            ListeningServer server, Environment environment, ObjectProvider<BuildProperties> build) {
        return ready -> {
            BuildProperties properties = build.getIfAvailable();
            String name = environment.getProperty(
                    "spring.application.name", properties != null ? properties.getArtifact() : "eventdispatcher");
            String version = properties != null ? properties.getVersion() : "(development)";
            Instant jvmStart = ProcessHandle.current().info().startInstant().orElse(null);
            log.info(
                    "{} {} listening on {} (ready in {}{})",
                    name,
                    version,
                    listening(server),
                    millis(ready.getTimeTaken()),
                    jvmStart == null ? "" : ", JVM up " + millis(Duration.between(jvmStart, Instant.now())));
        };
    }

    /** Every listener, as {@code listen} writes them, with the bound ports. */
    private static String listening(ListeningServer server) {
        return server.listeners().stream()
                .map(ListeningServer.ListenerStatus::description)
                .collect(Collectors.joining(", "));
    }

    private static String millis(Duration duration) {
        return Durations.seconds(Duration.ofMillis(duration.toMillis()));
    }

    /** Says why the connections are about to close, on QUIT and on SIGTERM alike. */
    @Bean
    ApplicationListener<ContextClosedEvent> tcpServerStoppingLine(
            ListeningServer server, ConnectionSlots slots, ApplicationContext context) {
        return closed -> {
            if (closed.getApplicationContext() != context) {
                return; // the management server's child context
            }
            log.info("stopping: no longer listening on {}, closing {} connections", listening(server), slots.open());
        };
    }
}
