package org.eventdispatcher.autoconfigure;

import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.daemon.DaemonProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** How a daemon ends on request. */
@AutoConfiguration
@EnableConfigurationProperties(DaemonProperties.class)
public class DaemonAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DaemonExit daemonExit(ConfigurableApplicationContext context, DaemonProperties properties) {
        return new DaemonExit(context, properties.exitJvm() ? System::exit : status -> { });
    }
}
