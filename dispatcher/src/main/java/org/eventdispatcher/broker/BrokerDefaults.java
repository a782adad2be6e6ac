package org.eventdispatcher.broker;

import java.util.HashMap;
import java.util.Map;
import org.eventdispatcher.protocol.transport.LineRules;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * The library's defaults for the broker, below every other property source: the transport is on
 * where it is asked for ({@code eventdispatcher.broker.enabled}, or a client given a
 * {@code broker-peer}); Spring Boot's RabbitMQ health indicator counts only where
 * the broker is used, so that a TCP-only daemon is not reported down for want of a broker, and
 * without the broker none of Spring Boot's RabbitMQ auto-configuration starts; and one line per
 * outage rather than one per reconnect attempt; no body off the broker much larger than a line.
 */
public class BrokerDefaults implements EnvironmentPostProcessor {

    public static final String PROPERTY_SOURCE = "eventdispatcher-broker-defaults";

    private static final long MIN_INBOUND_BODY = 128 * 1024;

    private static final String RABBIT_AUTO_CONFIGURATIONS = String.join(
            ",",
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        String brokerPeer = environment.getProperty("eventdispatcher.client.broker-peer", "");
        boolean on = environment.getProperty("eventdispatcher.broker.enabled", Boolean.class, !brokerPeer.isBlank());
        Map<String, Object> defaults = new HashMap<>(Map.of(
                "eventdispatcher.broker.enabled",
                on,
                "management.health.rabbit.enabled",
                on,
                // the listener container logs a stack trace for every attempt while the broker is
                // away; ConsumerState says once that it was lost, and once that it is back
                "logging.level.org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer",
                "off",
                "spring.rabbitmq.max-inbound-message-body-size",
                inboundBodyLimit(environment) + "B"));
        if (!on) {
            // nothing of RabbitMQ to start: about half a second of a TCP-only daemon's start-up
            // (a daemon that sets its own exclusions starts them, unused)
            defaults.put("spring.autoconfigure.exclude", RABBIT_AUTO_CONFIGURATIONS);
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
    }

    /**
     * The largest body the AMQP client takes off the broker: twice the longest line, and never less
     * than 128 KB (the client applies it to every frame, the broker's greeting too). The client holds
     * up to the prefetch (250) bodies whole before the daemon reads one, so with its own default (64
     * MB) two big messages could exhaust a daemon's heap. A body between the line and this limit is
     * dropped unread and counted; a larger one closes the consumer's connection, which recovers once
     * the message expires (queue.message-ttl). The broker's max_message_size refuses them at once.
     */
    static long inboundBodyLimit(ConfigurableEnvironment environment) {
        String line =
                environment.getProperty("eventdispatcher.broker.max-line-length", LineRules.DEFAULT_MAX_LENGTH_TEXT);
        return Math.max(MIN_INBOUND_BODY, 2 * DataSize.parse(line).toBytes());
    }
}
