package org.eventdispatcher.broker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eventdispatcher.autoconfigure.BrokerAutoConfiguration;
import org.eventdispatcher.autoconfigure.DaemonAutoConfiguration;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A daemon on the broker as the library's auto-configurations make it, with meters, for the tests to add handlers to. */
final class BrokerDaemonContext {

    private BrokerDaemonContext() {}

    /** A daemon joining {@code broker} as {@code address}. */
    static ApplicationContextRunner runner(RabbitNode broker, BrokerAddress address) {
        return new ApplicationContextRunner()
                .withInitializer(context -> new BrokerDefaults().postProcessEnvironment(context.getEnvironment(), null))
                .withConfiguration(AutoConfigurations.of(
                        RabbitAutoConfiguration.class,
                        IntegrationAutoConfiguration.class,
                        TaskSchedulingAutoConfiguration.class,
                        DispatcherAutoConfiguration.class,
                        DaemonAutoConfiguration.class,
                        BrokerAutoConfiguration.class))
                .withUserConfiguration(Meters.class)
                .withPropertyValues(
                        "eventdispatcher.broker.enabled=true",
                        "eventdispatcher.node.server=" + address.server(),
                        "eventdispatcher.node.service=" + address.service(),
                        "spring.rabbitmq.host=127.0.0.1",
                        "spring.rabbitmq.port=" + broker.amqpPort());
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
