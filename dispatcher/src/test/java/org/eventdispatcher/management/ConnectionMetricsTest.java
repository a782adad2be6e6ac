package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.eventdispatcher.autoconfigure.TcpClientAutoConfiguration;
import org.eventdispatcher.tcp.LoopbackFactories;
import org.eventdispatcher.tcp.client.PermanentConnection;
import org.eventdispatcher.testing.ports.FreePorts;
import org.eventdispatcher.tcp.server.ConnectionSlots;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/** Connections over real sockets on 127.0.0.1, counted from the connection registry. */
class ConnectionMetricsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean("server", TcpNetServerConnectionFactory.class, LoopbackFactories::server);

    @Test
    void opensClosesAndOpenNowOnBothSides() {
        runner.run(context -> {
            TcpNetServerConnectionFactory server = LoopbackFactories.listening(context);
            TcpNetClientConnectionFactory client = LoopbackFactories.client(context, server.getPort());
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            try {
                TcpConnection first = client.getConnection();
                client.getConnection();
                client.getConnection();
                await().until(() -> open(registry, "server") == 3 && open(registry, "client") == 3);

                first.close();
                await().until(() -> open(registry, "server") == 2 && open(registry, "client") == 2);

                assertThat(count(registry, ConnectionMetrics.OPENED, "server")).isEqualTo(3);
                assertThat(count(registry, ConnectionMetrics.CLOSED, "server")).isEqualTo(1);
                assertThat(count(registry, ConnectionMetrics.OPENED, "client")).isEqualTo(3);
                assertThat(count(registry, ConnectionMetrics.CLOSED, "client")).isEqualTo(1);
            } finally {
                client.stop();
                server.stop();
            }
            await().until(() -> open(registry, "server") == 0 && open(registry, "client") == 0);
        });
    }

    @Test
    void rejectedConnectionsAreCountedWhenToldByTheLimitThatRefusedThem() {
        runner.run(context -> {
            ConnectionMetrics connections = context.getBean(ConnectionMetrics.class);
            connections.rejected(ConnectionSlots.Refusal.MAX_CONNECTIONS);
            connections.rejected(ConnectionSlots.Refusal.MAX_CONNECTIONS);
            connections.rejected(ConnectionSlots.Refusal.MAX_CONNECTIONS_PER_ADDRESS);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(ConnectionMetrics.REJECTED).tag("reason", "max-connections").counter().count())
                    .isEqualTo(2);
            assertThat(meters.get(ConnectionMetrics.REJECTED).tag("reason", "max-connections-per-address").counter()
                    .count()).isEqualTo(1);
        });
    }

    @Test
    void clientAttemptsAndSuccessesAreThoseOfItsPermanentConnection() throws Exception {
        int refusedPort = FreePorts.tcp();
        // Spring Boot's metrics binds the MeterBinder beans, as in the daemons
        runner.withConfiguration(AutoConfigurations.of(TcpClientAutoConfiguration.class,
                        org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class))
                .withPropertyValues("eventdispatcher.client.server=127.0.0.1:" + refusedPort,
                        "eventdispatcher.client.reconnect.pauses=0.01")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    PermanentConnection connection = context.getBean(PermanentConnection.class);
                    await().until(() -> connection.state().attempts() >= 3);
                    connection.stop();
                    long attempts = connection.state().attempts();

                    assertThat(registry.get(ReconnectMetrics.ATTEMPTS).functionCounter().count()).isEqualTo(attempts);
                    assertThat(registry.get(ReconnectMetrics.SUCCESSES).functionCounter().count()).isZero();
                });
    }

    private static double open(MeterRegistry registry, String side) {
        return registry.get(ConnectionMetrics.OPEN).tag("side", side).gauge().value();
    }

    private static double count(MeterRegistry registry, String name, String side) {
        return registry.get(name).tag("side", side).functionCounter().count();
    }
}
