package org.eventdispatcher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.eventdispatcher.tcp.server.ListenException;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.tcp.server.NettyTcpServer;
import org.eventdispatcher.tcp.server.TcpServerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TcpServerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    TaskSchedulingAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    DaemonAutoConfiguration.class,
                    TcpServerAutoConfiguration.class));

    @Test
    void aDaemonWithoutAListenAddressHasNoTcpServer() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ListeningServer.class));
    }

    @Test
    void aListenAddressStartsTheServerThere() {
        runner.withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0").run(context -> {
            ListeningServer server = context.getBean(ListeningServer.class);
            assertThat(server).isInstanceOf(NettyTcpServer.class);
            assertThat(((NettyTcpServer) server).isRunning()).isTrue();
            assertThat(server.isListening()).isTrue();
            assertThat(server.getPort()).isPositive();
            assertThat(context.getBean(TcpServerProperties.class).backlog()).isEqualTo(1024);
            assertThat(server.slots().max()).isEqualTo(10_000);
        });
    }

    @Test
    void aThreadPerConnectionCanBeChosen() {
        runner.withPropertyValues(
                        "eventdispatcher.server.listen=127.0.0.1:0",
                        "eventdispatcher.server.threading=thread-per-connection")
                .run(context -> {
                    ListeningServer server = context.getBean(ListeningServer.class);
                    assertThat(server.isListening()).isTrue();
                    assertThat(server.getPort()).isPositive();
                });
    }

    @Test
    void aTakenPortFailsTheStartUpNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            runner.withPropertyValues("eventdispatcher.server.listen=127.0.0.1:" + taken.getLocalPort())
                    .run(context -> assertThat(context)
                            .getFailure()
                            .hasRootCauseInstanceOf(BindException.class)
                            .hasStackTraceContaining(ListenException.class.getName() + ": cannot listen on 127.0.0.1:"
                                    + taken.getLocalPort()));
        }
    }

    @Test
    void nonsenseSettingsFailTheStartUpWithTheReason() {
        runner.withPropertyValues(
                        "eventdispatcher.server.listen=127.0.0.1:0", "eventdispatcher.server.max-connections=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("max-connections must be at least 1, not 0"));
        runner.withPropertyValues("eventdispatcher.server.listen=nowhere:port").run(context -> assertThat(context)
                .getFailure()
                .hasStackTraceContaining("\"nowhere:port\" is not a host[:port] address"));
    }
}
