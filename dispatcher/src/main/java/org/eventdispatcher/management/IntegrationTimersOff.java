package org.eventdispatcher.management;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor;

/**
 * Where Spring Integration's meters are off ({@code management.metrics.enable.spring.integration=false},
 * the library's default, {@link ManagementDefaults}), Spring Integration is also kept from timing at
 * all: a denied meter is a no-op, but Spring Integration still starts and stops a timer around every
 * send on every channel and handler (a clock read and two objects each time), which was a quarter of
 * the server's own time per line in a pipelined profile (BENCHMARKS.md). Without its metrics captor
 * bean, Spring Integration registers no timers and times nothing. Turning the meters on keeps it.
 */
public class IntegrationTimersOff implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    static final String METERS_ENABLED = "management.metrics.enable.spring.integration";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        boolean metersOn = environment.getProperty(METERS_ENABLED, Boolean.class, true);
        if (!metersOn && registry.containsBeanDefinition(MicrometerMetricsCaptor.MICROMETER_CAPTOR_NAME)) {
            registry.removeBeanDefinition(MicrometerMetricsCaptor.MICROMETER_CAPTOR_NAME);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // the registry is all it changes
    }
}
