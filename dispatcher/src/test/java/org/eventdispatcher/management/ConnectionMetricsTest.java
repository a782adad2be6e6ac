package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.eventdispatcher.autoconfigure.TcpClientAutoConfiguration;
import org.eventdispatcher.autoconfigure.TcpServerAutoConfiguration;
import org.eventdispatcher.tcp.client.PermanentConnection;
import org.eventdispatcher.tcp.server.ConnectionSlots;
import org.eventdispatcher.tcp.server.NettyTcpServer;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Connections over real sockets on 127.0.0.1, counted from the connection registry. */
class ConnectionMetricsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    MetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void opensClosesAndOpenNowOnTheServerSide() {
        runner.withConfiguration(AutoConfigurations.of(TcpServerAutoConfiguration.class))
                .withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0")
                .run(context -> {
                    int port = context.getBean(NettyTcpServer.class).getPort();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    try (Socket first = new Socket("127.0.0.1", port);
                            Socket second = new Socket("127.0.0.1", port);
                            Socket third = new Socket("127.0.0.1", port)) {
                        await().until(() -> open(registry, "server") == 3);

                        first.close();
                        await().until(() -> open(registry, "server") == 2);

                        assertThat(count(registry, ConnectionMetrics.OPENED, "server"))
                                .isEqualTo(3);
                        assertThat(count(registry, ConnectionMetrics.CLOSED, "server"))
                                .isEqualTo(1);
                    }
                    await().until(() -> open(registry, "server") == 0);
                    assertThat(count(registry, ConnectionMetrics.CLOSED, "server"))
                            .isEqualTo(3);
                });
    }

    @Test
    void opensClosesAndOpenNowOnTheClientSide() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            runner.withConfiguration(AutoConfigurations.of(TcpClientAutoConfiguration.class))
                    .withPropertyValues(
                            "eventdispatcher.client.server=127.0.0.1:" + server.getLocalPort(),
                            "eventdispatcher.client.reconnect.pauses=60")
                    .run(context -> {
                        MeterRegistry registry = context.getBean(MeterRegistry.class);
                        try (Socket accepted = server.accept()) {
                            await().until(() -> open(registry, "client") == 1);
                            assertThat(count(registry, ConnectionMetrics.OPENED, "client"))
                                    .isEqualTo(1);
                        } // the server closes it: the client counts it closed, and waits a minute to try again
                        await().until(() -> open(registry, "client") == 0);
                        assertThat(count(registry, ConnectionMetrics.CLOSED, "client"))
                                .isEqualTo(1);
                    });
        }
    }

    @Test
    void rejectedConnectionsAreCountedWhenToldByTheLimitThatRefusedThem() {
        runner.run(context -> {
            ConnectionMetrics connections = context.getBean(ConnectionMetrics.class);
            connections.rejected(ConnectionSlots.Refusal.MAX_CONNECTIONS);
            connections.rejected(ConnectionSlots.Refusal.MAX_CONNECTIONS);
            connections.rejected(ConnectionSlots.Refusal.MAX_CONNECTIONS_PER_ADDRESS);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(ConnectionMetrics.REJECTED)
                            .tag("reason", "max-connections")
                            .counter()
                            .count())
                    .isEqualTo(2);
            assertThat(meters.get(ConnectionMetrics.REJECTED)
                            .tag("reason", "max-connections-per-address")
                            .counter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void clientAttemptsAndSuccessesAreThoseOfItsPermanentConnection() throws Exception {
        int refusedPort = FreePorts.tcp();
        // Spring Boot's metrics binds the MeterBinder beans, as in the daemons
        runner.withConfiguration(AutoConfigurations.of(
                        TcpClientAutoConfiguration.class,
                        org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class))
                .withPropertyValues(
                        "eventdispatcher.client.server=127.0.0.1:" + refusedPort,
                        "eventdispatcher.client.reconnect.pauses=0.01")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    PermanentConnection connection = context.getBean(PermanentConnection.class);
                    await().until(() -> connection.state().attempts() >= 3);
                    connection.stop();
                    long attempts = connection.state().attempts();

                    assertThat(registry.get(ReconnectMetrics.ATTEMPTS)
                                    .functionCounter()
                                    .count())
                            .isEqualTo(attempts);
                    assertThat(registry.get(ReconnectMetrics.SUCCESSES)
                                    .functionCounter()
                                    .count())
                            .isZero();
                });
    }

    private static double open(MeterRegistry registry, String side) {
        return registry.get(ConnectionMetrics.OPEN).tag("side", side).gauge().value();
    }

    private static double count(MeterRegistry registry, String name, String side) {
        return registry.get(name).tag("side", side).functionCounter().count();
    }
}
