package org.eventdispatcher.autoconfigure;

import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.daemon.DaemonProperties;
import org.eventdispatcher.daemon.ExitDeadline;
import org.eventdispatcher.daemon.HangUpSignal;
import org.eventdispatcher.dispatch.StopRule;
import org.eventdispatcher.dispatch.builtin.StopPolicy;
import org.eventdispatcher.tcp.tls.SslBundlesReload;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/** How a daemon ends on request, and who may ask; how it reloads on SIGHUP. */
@AutoConfiguration(after = SslAutoConfiguration.class)
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

    /**
     * SIGHUP reloads instead of ending the daemon; only in a daemon's own JVM (a test's JVM, where
     * {@code exit-jvm=false}, keeps its signals).
     */
    @Bean
    HangUpSignal hangUpSignal(ApplicationEventPublisher events, DaemonProperties properties) {
        return new HangUpSignal(events, properties.exitJvm());
    }

    /** On SIGHUP, every {@code spring.ssl.bundle.*} is read again from its files. */
    @Bean
    @ConditionalOnBean(SslBundleRegistry.class)
    SslBundlesReload sslBundlesReload(SslProperties properties, SslBundleRegistry registry, ResourceLoader resources) {
        return new SslBundlesReload(properties, registry, resources);
    }

    /** The dispatcher checks it before every handler that stops the daemon ({@code QUIT}, {@code STOP}...). */
    @Bean
    @ConditionalOnMissingBean
    StopRule stopRule(DaemonProperties properties) {
        return new StopPolicy(properties.stop());
    }
}
