package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.autoconfigure.DaemonAutoConfiguration;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.LogRotateAutoConfiguration;
import org.eventdispatcher.dispatch.LifecycleHooks;
import org.eventdispatcher.dispatch.LogCapture;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.dispatch.StopsDaemon;
import org.eventdispatcher.management.MessageMetrics;
import org.eventdispatcher.udp.LogRotateListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What a datagram may ask of a daemon, over real UDP on 127.0.0.1: the built-in commands, the
 * commands let through by name, a stop only with the listener's secret, and nothing at all without
 * the secret where one is set. Each check ends with a LOG_ROTATE: datagrams are handled in order,
 * so once it is, every datagram before it was too.
 */
class UdpCommandsTest {

    /** An application's commands, as a daemon declares them. */
    @MessageHandlers
    static class Application {

        final List<String> handled = new CopyOnWriteArrayList<>();

        @OnCommand("PING")
        void ping() {
            handled.add("PING");
        }

        @OnCommand("HALT")
        @StopsDaemon
        void halt() {
            handled.add("HALT");
        }
    }

    /** Records the built-in STOP and QUITTING instead of only logging them. */
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
                    "eventdispatcher.log-rotate.listen=127.0.0.1:0", "eventdispatcher.daemon.exit-jvm=false")
            .withBean(ReopenedEvents.class)
            .withBean(Application.class)
            .withBean(Hooks.class)
            .withBean(SimpleMeterRegistry.class)
            .withBean(MessageMetrics.class);

    @Test
    void anApplicationCommandIsDroppedLoggedOnceAndCountedUnlessLetThroughByName() {
        runner.run(context -> {
            try (LogCapture logs = new LogCapture();
                    Datagrams udp = datagrams(context)) {
                udp.send("PING");
                udp.send("PING");
                udp.send("<host:ed_signal PING");
                rotated(context, udp, "LOG_ROTATE");

                assertThat(context.getBean(Application.class).handled).isEmpty();
                assertThat(logs.count("PING from 127.0.0.1:"))
                        .as("three drops, logged once")
                        .isEqualTo(1);
                assertThat(logs.messages()).anyMatch(m -> m.contains("eventdispatcher.log-rotate.udp-commands"));
                assertThat(refused(context, "command")).isEqualTo(3);
            }
        });
        runner.withPropertyValues("eventdispatcher.log-rotate.udp-commands=PING")
                .run(context -> {
                    try (Datagrams udp = datagrams(context)) {
                        udp.send("PING");
                        rotated(context, udp, "LOG_ROTATE");

                        assertThat(context.getBean(Application.class).handled).containsExactly("PING");
                    }
                });
    }

    @Test
    void aStopIsNeverObeyedOverUdpWithoutTheSecretEvenLetThroughAndFromLoopback() {
        runner.withPropertyValues("eventdispatcher.log-rotate.udp-commands=HALT")
                .run(context -> {
                    try (LogCapture logs = new LogCapture();
                            Datagrams udp = datagrams(context)) {
                        udp.send("HALT");
                        udp.send("STOP");
                        udp.send("QUITTING");
                        rotated(context, udp, "LOG_ROTATE");

                        assertThat(context.getBean(Application.class).handled).isEmpty();
                        assertThat(context.getBean(Hooks.class).stops).isEmpty();
                        assertThat(logs.count("obeyed over UDP only with eventdispatcher.log-rotate.secret set"))
                                .as("three drops, logged once")
                                .isEqualTo(1);
                        assertThat(context.getBean(MeterRegistry.class)
                                        .get(MessageMetrics.STOP_REFUSED)
                                        .counters())
                                .hasSize(3);
                    }
                });
    }

    @Test
    void withTheSecretAStopCarryingItIsObeyedAndOneWithoutItIsNot() {
        runner.withPropertyValues(
                        "eventdispatcher.log-rotate.udp-commands=HALT", "eventdispatcher.log-rotate.secret=s3cr3t-udp")
                .run(context -> {
                    try (LogCapture logs = new LogCapture();
                            Datagrams udp = datagrams(context)) {
                        udp.send("HALT secret_code=guess-value");
                        udp.send("STOP");
                        udp.send("STOP secret_code=guess-value");
                        rotated(context, udp, "LOG_ROTATE secret_code=s3cr3t-udp");
                        assertThat(context.getBean(Application.class).handled).isEmpty();
                        assertThat(context.getBean(Hooks.class).stops).isEmpty();

                        udp.send("HALT secret_code=s3cr3t-udp");
                        udp.send("STOP secret_code=s3cr3t-udp");
                        rotated(context, udp, "LOG_ROTATE secret_code=s3cr3t-udp");
                        assertThat(context.getBean(Application.class).handled).containsExactly("HALT");
                        assertThat(context.getBean(Hooks.class).stops).containsExactly("STOP");
                        assertThat(logs.messages()).noneMatch(m -> m.contains("s3cr3t") || m.contains("guess-value"));
                    }
                });
    }

    @Test
    void theSecretGuardsEveryDatagramNotOnlyLogRotate() {
        runner.withPropertyValues(
                        "eventdispatcher.log-rotate.udp-commands=PING", "eventdispatcher.log-rotate.secret=s3cr3t-udp")
                .run(context -> {
                    try (LogCapture logs = new LogCapture();
                            Datagrams udp = datagrams(context)) {
                        udp.send("PING");
                        udp.send("PING secret_code=guess-value");
                        udp.send("HELP");
                        udp.send("NOT_A_COMMAND");
                        rotated(context, udp, "LOG_ROTATE secret_code=s3cr3t-udp");

                        assertThat(context.getBean(Application.class).handled).isEmpty();
                        assertThat(logs.count("dropped: secret_code"))
                                .as("four drops, logged once")
                                .isEqualTo(1);
                        assertThat(logs.count("unknown command"))
                                .as("not read as far as its command")
                                .isZero();
                        assertThat(refused(context, "secret")).isEqualTo(4);

                        udp.send("PING secret_code=s3cr3t-udp");
                        rotated(context, udp, "LOG_ROTATE secret_code=s3cr3t-udp");
                        assertThat(context.getBean(Application.class).handled).containsExactly("PING");
                    }
                });
    }

    @Test
    void aCommandLetThroughMustBeACommandName() {
        runner.withPropertyValues("eventdispatcher.log-rotate.udp-commands=quit")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("eventdispatcher.log-rotate.udp-commands: \"quit\" is not a command"));
    }

    private static Datagrams datagrams(AssertableApplicationContext context) throws Exception {
        return new Datagrams(
                context.getBean(LogRotateListener.class).localAddress().getPort());
    }

    /** Sends a LOG_ROTATE and waits for it to be handled. */
    private static void rotated(AssertableApplicationContext context, Datagrams udp, String logRotate)
            throws Exception {
        udp.send(logRotate);
        context.getBean(ReopenedEvents.class).next();
    }

    private static double refused(AssertableApplicationContext context, String reason) {
        return context.getBean(MeterRegistry.class)
                .get(MessageMetrics.REFUSED)
                .tag("reason", reason)
                .tag("transport", "udp")
                .counter()
                .count();
    }
}
