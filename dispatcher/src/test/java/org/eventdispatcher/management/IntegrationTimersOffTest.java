package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

class IntegrationTimersOffTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class))
            .withUserConfiguration(Flow.class);

    @Configuration(proxyBeanMethods = false)
    static class Flow {

        @Bean
        static IntegrationTimersOff integrationTimersOff() {
            return new IntegrationTimersOff();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        DirectChannel lines() {
            DirectChannel channel = new DirectChannel();
            channel.subscribe(message -> {});
            return channel;
        }
    }

    @Test
    void withItsMetersOffSpringIntegrationTimesNoSend() {
        runner.withPropertyValues(IntegrationTimersOff.METERS_ENABLED + "=false")
                .run(context -> {
                    context.getBean("lines", MessageChannel.class).send(new GenericMessage<>("DAD"));

                    assertThat(context).doesNotHaveBean(MicrometerMetricsCaptor.MICROMETER_CAPTOR_NAME);
                    assertThat(context.getBean(MeterRegistry.class)
                                    .find("spring.integration.send")
                                    .timers())
                            .isEmpty();
                });
    }

    @Test
    void withItsMetersOnEverySendIsTimed() {
        runner.withPropertyValues(IntegrationTimersOff.METERS_ENABLED + "=true").run(context -> {
            context.getBean("lines", MessageChannel.class).send(new GenericMessage<>("DAD"));

            assertThat(context.getBean(MeterRegistry.class)
                            .find("spring.integration.send")
                            .tag("name", "lines")
                            .timer())
                    .isNotNull()
                    .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
        });
    }
}
