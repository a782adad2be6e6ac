package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MessageMetricsTest {

    @MessageHandlers
    static class Conversation {
        @OnCommand("DAD")
        Message dad(Message request) {
            return Message.reply(request, "CLIMB");
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DispatcherAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withBean(Conversation.class);

    @Test
    void sentCommandsPastTheCapAreCountedAsOther() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MessageMetrics metrics = new MessageMetrics(registry);
        FakePeer tcp = new FakePeer(true);
        for (int i = 0; i < MessageMetrics.MAX_SENT_COMMANDS + 10; i++) {
            metrics.sent(Message.of("C" + i), tcp, 0);
            metrics.sent(Message.of("C" + i), tcp, 0);
        }

        assertThat(count(registry, MessageMetrics.SENT, "command", "C0", "transport", "tcp"))
                .isEqualTo(2);
        assertThat(count(registry, MessageMetrics.SENT, "command", "other", "transport", "tcp"))
                .isEqualTo(20);
        assertThat(registry.find(MessageMetrics.SENT).counters()).hasSize(MessageMetrics.MAX_SENT_COMMANDS + 1);
    }

    @Test
    void countsWhatTheDispatcherDoesTaggedByCommandAndTransport() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MessageDispatcher dispatcher = context.getBean(MessageDispatcher.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            FakePeer tcp = new FakePeer(true);
            FakePeer udp = new FakePeer(false);

            dispatcher.receive("DAD", tcp);
            dispatcher.receive("DAD", tcp);
            dispatcher.receive("HELP", tcp);
            dispatcher.receive("HELP", udp);
            dispatcher.receive("NOPE", tcp);
            dispatcher.receive("lowercase garbage", tcp);
            dispatcher.receive("lowercase garbage", udp);

            assertThat(count(registry, MessageMetrics.RECEIVED, "command", "DAD", "transport", "tcp"))
                    .isEqualTo(2);
            assertThat(count(registry, MessageMetrics.RECEIVED, "command", "HELP", "transport", "tcp"))
                    .isEqualTo(1);
            assertThat(count(registry, MessageMetrics.RECEIVED, "command", "HELP", "transport", "udp"))
                    .isEqualTo(1);
            assertThat(count(registry, MessageMetrics.RECEIVED, "command", "other", "transport", "tcp"))
                    .isEqualTo(1);
            assertThat(count(registry, MessageMetrics.UNKNOWN, "transport", "tcp"))
                    .isEqualTo(1);
            assertThat(count(registry, MessageMetrics.INVALID, "category", "MISSING_EQUAL", "transport", "tcp"))
                    .isEqualTo(1);
            assertThat(count(registry, MessageMetrics.INVALID, "category", "MISSING_EQUAL", "transport", "udp"))
                    .isEqualTo(1);
            assertThat(count(registry, MessageMetrics.SENT, "command", "CLIMB")).isEqualTo(2);
            assertThat(count(registry, MessageMetrics.SENT, "command", "COMMANDS"))
                    .as("the UDP one was dropped")
                    .isEqualTo(1);
            assertThat(count(registry, MessageMetrics.SENT, "command", "UNKNOWN"))
                    .isEqualTo(1);
            assertThat(count(registry, MessageMetrics.SENT, "command", "INVALID"))
                    .isEqualTo(1);
            assertThat(registry.get(MessageMetrics.HANDLER_DURATION)
                            .tag("command", "DAD")
                            .timer()
                            .count())
                    .isEqualTo(2);
        });
    }

    @Test
    void commandsFromTheWireNeverBecomeTagValues() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MessageDispatcher dispatcher = context.getBean(MessageDispatcher.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            FakePeer tcp = new FakePeer(true);
            for (int i = 0; i < 500; i++) {
                dispatcher.receive("RANDOM_" + i + " n=" + i, tcp);
            }
            dispatcher.receive("DAD", tcp);

            Set<String> commands = registry.find(MessageMetrics.RECEIVED).counters().stream()
                    .map(counter -> counter.getId().getTag("command"))
                    .collect(Collectors.toSet());
            assertThat(commands).containsExactlyInAnyOrder("DAD", "other");
            assertThat(count(registry, MessageMetrics.RECEIVED, "command", "other", "transport", "tcp"))
                    .isEqualTo(500);
            assertThat(registry.find(MessageMetrics.HANDLER_DURATION).timers()).hasSize(1);
        });
    }

    @Test
    void thePrometheusEndpointShowsThemUnderTheirPrometheusNames() {
        runner.withBean(MeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .run(context -> {
                    context.getBean(MessageDispatcher.class).receive("DAD", new FakePeer(true));
                    context.getBean(MessageDispatcher.class).receive("NOPE", new FakePeer(true));

                    String scrape =
                            context.getBean(PrometheusMeterRegistry.class).scrape();
                    assertThat(scrape)
                            .contains("eventdispatcher_messages_received_total{command=\"DAD\",transport=\"tcp\"} 1")
                            .contains("eventdispatcher_messages_sent_total{command=\"CLIMB\",transport=\"tcp\"} 1")
                            .contains("eventdispatcher_messages_unknown_total{transport=\"tcp\"} 1")
                            .contains("eventdispatcher_handler_duration_seconds_count{command=\"DAD\"} 1")
                            .contains("eventdispatcher_connections_open{side=\"server\",transport=\"tcp\"} 0")
                            .doesNotContain("eventdispatcher_client_reconnect_attempts_total"); // no client here
                });
    }

    @Test
    void springBootsOwnRegistryIsUsedWhereItSetsOneUp() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        DispatcherAutoConfiguration.class,
                        MetricsAutoConfiguration.class))
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(MessageMetrics.class)
                            .hasSingleBean(ConnectionMetrics.class)
                            .doesNotHaveBean(ReconnectMetrics.class); // a client's, and there is none
                    context.getBean(MessageDispatcher.class).receive("HELP", new FakePeer(true));
                    assertThat(count(
                                    context.getBean(MeterRegistry.class),
                                    MessageMetrics.RECEIVED,
                                    "command",
                                    "HELP",
                                    "transport",
                                    "tcp"))
                            .isEqualTo(1);
                });
    }

    @Test
    void withoutARegistryThereAreNoMeters() {
        runner.run(context ->
                assertThat(context).doesNotHaveBean(MessageMetrics.class).hasSingleBean(MessageDispatcher.class));
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
