package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/** Connections over real sockets on 127.0.0.1, counted from the events Spring Integration publishes. */
class ConnectionMetricsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean("server", TcpNetServerConnectionFactory.class, () -> {
                TcpNetServerConnectionFactory server = new TcpNetServerConnectionFactory(0);
                server.setLocalAddress("127.0.0.1");
                server.registerListener(message -> { });
                return server;
            });

    @Test
    void opensClosesAndOpenNowOnBothSides() {
        runner.run(context -> {
            TcpNetServerConnectionFactory server = LoopbackFactories.listening(context);
            TcpNetClientConnectionFactory client = LoopbackFactories.client(context, server.getPort());
            ConnectionMetrics connections = context.getBean(ConnectionMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            try {
                TcpConnection first = client.getConnection();
                client.getConnection();
                client.getConnection();
                await().until(() -> connections.open("server") == 3 && connections.open("client") == 3);

                first.close();
                await().until(() -> connections.open("server") == 2 && connections.open("client") == 2);

                assertThat(registry.get(ConnectionMetrics.OPEN).tag("side", "server").gauge().value()).isEqualTo(2);
                assertThat(registry.get(ConnectionMetrics.OPENED).tag("side", "server").counter().count()).isEqualTo(3);
                assertThat(registry.get(ConnectionMetrics.CLOSED).tag("side", "server").counter().count()).isEqualTo(1);
                assertThat(registry.get(ConnectionMetrics.OPENED).tag("side", "client").counter().count()).isEqualTo(3);
            } finally {
                client.stop();
                server.stop();
            }
            await().until(() -> connections.open("server") == 0 && connections.open("client") == 0);
        });
    }

    @Test
    void rejectedConnectionsAreCountedWhenTold() {
        runner.run(context -> {
            ConnectionMetrics connections = context.getBean(ConnectionMetrics.class);
            connections.rejected();
            connections.rejected();
            assertThat(context.getBean(MeterRegistry.class).get(ConnectionMetrics.REJECTED).counter().count()).isEqualTo(2);
        });
    }

    @Test
    void clientAttemptsAndSuccessesComeFromTheClientFactorysEvents() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        int refusedPort = closedPort;
        runner.run(context -> {
            TcpNetServerConnectionFactory server = LoopbackFactories.listening(context);
            TcpNetClientConnectionFactory nowhere = LoopbackFactories.client(context, refusedPort);
            TcpNetClientConnectionFactory client = LoopbackFactories.client(context, server.getPort());
            try {
                assertThatThrownBy(nowhere::getConnection).isNotNull();
                assertThatThrownBy(nowhere::getConnection).isNotNull();
                client.getConnection();
            } finally {
                nowhere.stop();
                client.stop();
                server.stop();
            }
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(ReconnectMetrics.ATTEMPTS).counter().count()).isEqualTo(3);
            assertThat(registry.get(ReconnectMetrics.SUCCESSES).counter().count()).isEqualTo(1);
        });
    }
}
