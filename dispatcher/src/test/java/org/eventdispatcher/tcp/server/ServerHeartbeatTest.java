package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The server probes silent peers with ALIVE and drops the ones that stay silent (short times, real sockets). */
class ServerHeartbeatTest {

    private final ApplicationContextRunner runner = ServerContext.runner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                    "eventdispatcher.server.listen=127.0.0.1:0",
                    "eventdispatcher.server.heartbeat.idle=200ms",
                    "eventdispatcher.server.heartbeat.timeout=2s");

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void aPeerThatNeverAnswersAliveIsClosedAndCounted(String threading) {
        runner.withPropertyValues("eventdispatcher.server.threading=" + threading)
                .run(context -> {
                    try (LineClient silent = connect(context);
                            LineClient talking = connect(context)) {

                        assertThat(silent.readLine()).isEqualTo("ALIVE");
                        assertThat(talking.readLine()).isEqualTo("ALIVE");
                        talking.send("ABSOLUTELY reply_timestamp=1.0");

                        assertThat(silent.closedByPeer())
                                .as("closed by the server")
                                .isTrue();
                        await().until(() -> failures(context) == 1);
                        assertThat(talking.readLine())
                                .as("still served, probed again")
                                .isEqualTo("ALIVE");
                    }
                });
    }

    @Test
    void anUpstreamPeerAnsweringUnknownKeepsItsConnectionAndGetsNoReply() {
        runner.run(context -> {
            try (LineClient upstream = connect(context)) {

                for (int probe = 0; probe < 3; probe++) {
                    assertThat(upstream.readLine()).isEqualTo("ALIVE");
                    upstream.send("UNKNOWN command=ALIVE");
                }

                upstream.send("ALIVE serial=9");
                assertThat(upstream.readLine())
                        .as("nothing but the probes came before")
                        .startsWith("ABSOLUTELY ")
                        .endsWith("serial=9");
                assertThat(failures(context)).isZero();
            }
        });
    }

    private static double failures(AssertableApplicationContext context) {
        return context.getBean(MeterRegistry.class)
                .get(ConnectionMetrics.HEARTBEAT_FAILURES)
                .tag("side", "server")
                .counter()
                .count();
    }

    private static LineClient connect(AssertableApplicationContext context) throws IOException {
        return new LineClient(context.getBean(ListeningServer.class).getPort());
    }
}
