package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.autoconfigure.DaemonAutoConfiguration;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.LogRotateAutoConfiguration;
import org.eventdispatcher.dispatch.LifecycleHooks;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.management.MessageMetrics;
import org.eventdispatcher.udp.LogRotateListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Over UDP a stop carrying the listener's secret must pass the stop rule as well (PROTOCOL.md i):
 * the secret lets the datagram in, {@code allowed-from} still decides.
 */
class UdpStopRuleTest {

    /** Records the built-in STOP and QUITTING instead of stopping. */
    static class Hooks implements LifecycleHooks {

        final List<String> stops = new CopyOnWriteArrayList<>();

        @Override
        public void stop(boolean quitting, Peer from) {
            stops.add(quitting ? "QUITTING" : "STOP");
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    DaemonAutoConfiguration.class,
                    LogRotateAutoConfiguration.class))
            .withPropertyValues(
                    "eventdispatcher.log-rotate.listen=127.0.0.1:0",
                    "eventdispatcher.log-rotate.secret=s3cr3t-udp",
                    "eventdispatcher.daemon.exit-jvm=false")
            .withBean(ReopenedEvents.class)
            .withBean(Hooks.class)
            .withBean(SimpleMeterRegistry.class)
            .withBean(MessageMetrics.class);

    @Test
    void withTheSecretAStopFromOutsideAllowedFromIsNotObeyed() {
        runner.withPropertyValues("eventdispatcher.daemon.stop.allowed-from=10.0.0.0/8")
                .run(context -> {
                    try (Datagrams udp = datagrams(context)) {
                        udp.send("STOP secret_code=s3cr3t-udp");
                        udp.send("QUITTING secret_code=s3cr3t-udp");
                        rotated(context, udp); // handled after both: they were dropped, not waiting
                        assertThat(context.getBean(Hooks.class).stops).isEmpty();
                    }
                });
    }

    @Test
    void withTheSecretAStopFromAnAllowedAddressIsObeyed() {
        runner.withPropertyValues("eventdispatcher.daemon.stop.allowed-from=127.0.0.1/32")
                .run(context -> {
                    try (Datagrams udp = datagrams(context)) {
                        udp.send("STOP secret_code=s3cr3t-udp");
                        rotated(context, udp);
                        assertThat(context.getBean(Hooks.class).stops).containsExactly("STOP");
                    }
                });
    }

    private static Datagrams datagrams(AssertableApplicationContext context) throws Exception {
        return new Datagrams(
                context.getBean(LogRotateListener.class).localAddress().getPort());
    }

    /** Sends a LOG_ROTATE with the secret and waits for it to be handled: what was sent before it was too. */
    private static void rotated(AssertableApplicationContext context, Datagrams udp) throws Exception {
        udp.send("LOG_ROTATE secret_code=s3cr3t-udp");
        context.getBean(ReopenedEvents.class).next();
    }
}
