package org.eventdispatcher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eventdispatcher.tcp.LineSockets.reader;
import static org.eventdispatcher.tcp.LineSockets.send;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Socket;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.tcp.LineSockets;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The server probes silent peers with ALIVE and drops the ones that stay silent (short times, real sockets). */
class ServerHeartbeatTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class,
                    TaskSchedulingAutoConfiguration.class, DispatcherAutoConfiguration.class,
                    DaemonAutoConfiguration.class, TcpServerAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0",
                    "eventdispatcher.server.heartbeat.idle=200ms", "eventdispatcher.server.heartbeat.timeout=2s");

    @ParameterizedTest
    @ValueSource(strings = { "event-loops", "thread-per-connection" })
    void aPeerThatNeverAnswersAliveIsClosedAndCounted(String threading) {
        runner.withPropertyValues("eventdispatcher.server.threading=" + threading).run(context -> {
            try (Socket silent = connect(context); Socket talking = connect(context)) {
                BufferedReader fromServer = reader(silent);
                BufferedReader toTalking = reader(talking);

                assertThat(fromServer.readLine()).isEqualTo("ALIVE");
                assertThat(toTalking.readLine()).isEqualTo("ALIVE");
                send(talking, "ABSOLUTELY reply_timestamp=1.0");

                assertThat(fromServer.read()).as("closed by the server").isEqualTo(-1);
                await().until(() -> failures(context) == 1);
                assertThat(toTalking.readLine()).as("still served, probed again").isEqualTo("ALIVE");
            }
        });
    }

    @Test
    void anUpstreamPeerAnsweringUnknownKeepsItsConnectionAndGetsNoReply() {
        runner.run(context -> {
            try (Socket upstream = connect(context)) {
                BufferedReader fromServer = reader(upstream);

                for (int probe = 0; probe < 3; probe++) {
                    assertThat(fromServer.readLine()).isEqualTo("ALIVE");
                    send(upstream, "UNKNOWN command=ALIVE");
                }

                send(upstream, "ALIVE serial=9");
                assertThat(fromServer.readLine()).as("nothing but the probes came before")
                        .startsWith("ABSOLUTELY ").endsWith("serial=9");
                assertThat(failures(context)).isZero();
            }
        });
    }

    private static double failures(AssertableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get(ConnectionMetrics.HEARTBEAT_FAILURES).tag("side", "server")
                .counter().count();
    }

    private static Socket connect(AssertableApplicationContext context) throws IOException {
        return LineSockets.connect(context.getBean(ListeningServer.class).getPort());
    }
}
