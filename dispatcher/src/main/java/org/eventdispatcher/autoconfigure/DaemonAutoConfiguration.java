package org.eventdispatcher.autoconfigure;

import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.daemon.DaemonProperties;
import org.eventdispatcher.daemon.ExitDeadline;
import org.eventdispatcher.dispatch.StopRule;
import org.eventdispatcher.dispatch.builtin.StopPolicy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** How a daemon ends on request, and who may ask. */
@AutoConfiguration
@EnableConfigurationProperties(DaemonProperties.class)
public class DaemonAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DaemonExit daemonExit(ConfigurableApplicationContext context, DaemonProperties properties) {
        if (!properties.exitJvm()) {
            // a daemon inside a test's JVM: nothing to exit, and above all nothing to halt
            return new DaemonExit(context, status -> {});
        }
        return new DaemonExit(context, System::exit, ExitDeadline.haltingTheJvm(properties.exitDeadline()));
    }

    /** The dispatcher checks it before every handler that stops the daemon ({@code QUIT}, {@code STOP}...). */
    @Bean
    @ConditionalOnMissingBean
    StopRule stopRule(DaemonProperties properties) {
        return new StopPolicy(properties.stop());
    }
}
