package org.eventdispatcher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.eventdispatcher.link.PauseList;
import org.eventdispatcher.tcp.client.ClientConnectionProperties;
import org.eventdispatcher.tcp.client.PermanentConnection;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TcpClientAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    DaemonAutoConfiguration.class,
                    TcpClientAutoConfiguration.class));

    @Test
    void aDaemonThatNamesNoServerHasNoClientConnection() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PermanentConnection.class));
    }

    @Test
    void namingTheServerBringsThePermanentConnectionWithItsSettings() throws IOException {
        int port = FreePorts.tcp();
        runner.withPropertyValues(
                        "eventdispatcher.client.server=127.0.0.1:" + port,
                        "eventdispatcher.client.reconnect.pauses=500ms,1s",
                        "eventdispatcher.client.stall-timeout=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(PermanentConnection.class);
                    PermanentConnection connection = context.getBean(PermanentConnection.class);
                    assertThat(connection.isRunning()).isTrue();
                    assertThat(connection.state().server()).isEqualTo("127.0.0.1:" + port);
                    ClientConnectionProperties properties = context.getBean(ClientConnectionProperties.class);
                    assertThat(properties.reconnect().pauses()).isEqualTo(PauseList.valueOf("0.5,1"));
                    assertThat(properties.stallTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(properties.reconnect().jitter()).isEqualTo(0.2);
                });
    }

    @Test
    void theDefaultsAreThoseOfTheClient() throws IOException {
        runner.withPropertyValues("eventdispatcher.client.server=:" + FreePorts.tcp())
                .run(context -> {
                    ClientConnectionProperties properties = context.getBean(ClientConnectionProperties.class);
                    assertThat(properties.reconnect().pauses()).isEqualTo(PauseList.defaults());
                    assertThat(properties.stallTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void aBadPauseListStopsTheStartWithItsReason() {
        runner.withPropertyValues(
                        "eventdispatcher.client.server=127.0.0.1:3001",
                        "eventdispatcher.client.reconnect.pauses=1,soon")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("entry 2 \"soon\" is not a duration"));
    }

    @Test
    void aBadServerAddressStopsTheStartWithItsReason() {
        runner.withPropertyValues("eventdispatcher.client.server=127.0.0.1:http")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("port \"http\" is not a number"));
    }
}
