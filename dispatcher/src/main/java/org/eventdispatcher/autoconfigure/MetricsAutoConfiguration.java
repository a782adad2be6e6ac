package org.eventdispatcher.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.management.MessageMetrics;
import org.eventdispatcher.management.ReconnectBufferMetrics;
import org.eventdispatcher.management.ReconnectMetrics;
import org.eventdispatcher.tcp.client.PermanentConnection;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The daemons' meters (names under {@code eventdispatcher.}), registered in the application's
 * {@link MeterRegistry}: Prometheus in the daemons, whatever Spring Boot set up elsewhere.
 */
@AutoConfiguration(
        after = TcpClientAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class MetricsAutoConfiguration {

    /** A dispatch observer: the dispatcher picks it up with the others. */
    @Bean
    @ConditionalOnMissingBean
    MessageMetrics messageMetrics(MeterRegistry registry) {
        return new MessageMetrics(registry);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.integration.ip.tcp.connection.TcpConnectionEvent")
    static class ConnectionEvents {

        @Bean
        @ConditionalOnMissingBean
        ConnectionMetrics connectionMetrics(
                MeterRegistry registry, ConnectionRegistry connections, Environment environment) {
            boolean broker = environment.getProperty("eventdispatcher.broker.enabled", Boolean.class, false);
            return new ConnectionMetrics(registry, connections, broker ? List.of("tcp", "amqp") : List.of("tcp"));
        }

        @Bean
        @ConditionalOnBean(PermanentConnection.class)
        @ConditionalOnMissingBean
        ReconnectMetrics reconnectMetrics(PermanentConnection connection) {
            return new ReconnectMetrics(connection);
        }

        @Bean
        @ConditionalOnBean(PermanentConnection.class)
        @ConditionalOnMissingBean
        ReconnectBufferMetrics reconnectBufferMetrics(PermanentConnection connection) {
            return new ReconnectBufferMetrics(connection);
        }
    }
}
