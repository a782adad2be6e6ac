package org.eventdispatcher.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.management.ClientConnectionHealthIndicator;
import org.eventdispatcher.management.ConnectionsEndpoint;
import org.eventdispatcher.management.ReadinessIncludes;
import org.eventdispatcher.management.ServerConnectionsHealthIndicator;
import org.eventdispatcher.tcp.client.PermanentConnection;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * What a daemon tells its management port about its TCP connections: the {@code connections}
 * health component (server: listening; client: connected), which the readiness group includes,
 * and the {@code /actuator/connections} endpoint listing every open connection.
 *
 * <p>Runs after the auto-configurations that make the server's connection factory and the
 * client's permanent connection, so that the health component finds them.
 */
@AutoConfiguration(
        after = {DispatcherAutoConfiguration.class, TcpClientAutoConfiguration.class},
        afterName = "org.eventdispatcher.autoconfigure.TcpServerAutoConfiguration")
@ConditionalOnClass(
        name = {
            "org.springframework.integration.ip.tcp.connection.TcpConnectionEvent",
            "org.springframework.boot.actuate.endpoint.annotation.Endpoint"
        })
public class ManagementAutoConfiguration {

    /** Bean name; the health endpoint names the component after it, less the suffix. */
    public static final String HEALTH_INDICATOR = "connectionsHealthIndicator";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(endpoint = ConnectionsEndpoint.class)
    static class ConnectionsEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ConnectionsEndpoint connectionsEndpoint(ConnectionRegistry registry) {
            return new ConnectionsEndpoint(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnEnabledHealthIndicator("connections")
    @Conditional(ServerOrClient.class)
    static class ConnectionsHealthConfiguration {

        /**
         * One indicator for the server or the client; a daemon that is both (or has several
         * servers) gets one component per connection factory or permanent connection, by bean name.
         */
        @Bean(HEALTH_INDICATOR)
        @ConditionalOnMissingBean(name = HEALTH_INDICATOR)
        HealthContributor connectionsHealthIndicator(ListableBeanFactory beans, ConnectionRegistry registry) {
            Map<String, HealthContributor> parts = new LinkedHashMap<>();
            beans.getBeansOfType(ListeningServer.class)
                    .forEach((name, server) -> parts.put(name, serverHealth(server, registry)));
            beans.getBeansOfType(PermanentConnection.class)
                    .forEach((name, connection) -> parts.put(name, new ClientConnectionHealthIndicator(connection)));
            return parts.size() == 1 ? parts.values().iterator().next() : CompositeHealthContributor.fromMap(parts);
        }

        /** One listener: the server's health, as ever; several: one component each, by name or else place. */
        private static HealthContributor serverHealth(ListeningServer server, ConnectionRegistry registry) {
            List<ListeningServer.ListenerStatus> listeners = server.listeners();
            if (listeners.size() == 1) {
                return new ServerConnectionsHealthIndicator(server, registry);
            }
            Map<String, HealthContributor> each = new LinkedHashMap<>();
            for (int i = 0; i < listeners.size(); i++) {
                String name = listeners.get(i).name();
                each.put(name.isEmpty() ? "listener" + (i + 1) : name, ServerConnectionsHealthIndicator.of(server, i));
            }
            return CompositeHealthContributor.fromMap(each);
        }

        @Bean
        static ReadinessIncludes readinessIncludesConnections() {
            return new ReadinessIncludes("connections");
        }
    }

    /** A TCP server, or a client's permanent connection: something whose health is worth telling. */
    static class ServerOrClient extends AnyNestedCondition {

        ServerOrClient() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(ListeningServer.class)
        static class Server {}

        @ConditionalOnBean(PermanentConnection.class)
        static class Client {}
    }
}
