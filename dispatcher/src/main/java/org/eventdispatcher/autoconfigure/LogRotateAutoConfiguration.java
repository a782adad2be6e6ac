package org.eventdispatcher.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.builtin.DatagramCommands;
import org.eventdispatcher.dispatch.builtin.LogRotateCommand;
import org.eventdispatcher.logrotate.LogFiles;
import org.eventdispatcher.logrotate.LogRotateProperties;
import org.eventdispatcher.logrotate.LogRotation;
import org.eventdispatcher.udp.DatagramReceiver;
import org.eventdispatcher.udp.LogRotateListener;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Log rotation on request (PROTOCOL.md d): the {@code LOG_ROTATE} command, on every transport,
 * and the UDP listener it usually arrives on. {@code eventdispatcher.log-rotate.enabled=false}
 * turns both off.
 */
@AutoConfiguration(after = DispatcherAutoConfiguration.class)
@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
@ConditionalOnProperty(name = "eventdispatcher.log-rotate.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(LogRotateProperties.class)
public class LogRotateAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LogFiles logFiles() {
        return new LogFiles();
    }

    /** Reopens on a thread of its own, at most once a second, whoever asks how often. */
    @Bean
    @ConditionalOnMissingBean
    LogRotation logRotation(LogFiles logFiles, ApplicationEventPublisher events) {
        return LogRotation.onItsOwnThread(logFiles, events);
    }

    @Bean
    LogRotateCommand logRotateCommand(LogRotation rotation, LogRotateProperties properties) {
        return new LogRotateCommand(rotation, properties);
    }

    /** {@code eventdispatcher.log-rotate.reopens} and {@code .coalesced}, where there are meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class LogRotationMeters {

        @Bean
        MeterBinder logRotationMeters(LogRotation rotation) {
            return registry -> {
                FunctionCounter.builder("eventdispatcher.log-rotate.reopens", rotation, LogRotation::reopens)
                        .description("Times the log files were reopened on LOG_ROTATE")
                        .register(registry);
                FunctionCounter.builder("eventdispatcher.log-rotate.coalesced", rotation, LogRotation::coalesced)
                        .description("LOG_ROTATE requests merged into a reopen already due (at most one a second)")
                        .register(registry);
            };
        }
    }

    /** Bound while the context starts: a taken port fails the start instead of a background thread. */
    @Bean
    LogRotateListener logRotateListener(LogRotateProperties properties) {
        return LogRotateListener.bind(properties);
    }

    @Bean
    DatagramReceiver datagramReceiver(MessageDispatcher dispatcher, LogRotateProperties properties) {
        return new DatagramReceiver(
                dispatcher,
                new ReportThrottle(Duration.ofMinutes(1), 1, "from UDP senders"),
                new DatagramCommands(properties.secret(), properties.udpCommandSet()));
    }

    /**
     * The UDP path: a datagram → the listener's inbound adapter → {@link DatagramReceiver} → the
     * dispatcher. No outbound adapter: a datagram is never answered (PROTOCOL.md d), what a
     * handler returns to one is logged and dropped.
     */
    @Bean
    IntegrationFlow logRotateFlow(LogRotateListener listener, DatagramReceiver receiver) {
        return IntegrationFlow.from(listener.inboundAdapter().id("logRotateInboundAdapter"))
                .handle(receiver)
                .get();
    }

    /**
     * Keeps the secret out of {@code /actuator/env} and {@code /actuator/configprops} even where
     * someone turned on {@code show-values}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    static class SecretSanitizing {

        @Bean
        SanitizingFunction logRotateSecretSanitizer() {
            // any key holding "secret", case ignored: eventdispatcher.log-rotate.secret,
            // EVENTDISPATCHER_LOG_ROTATE_SECRET, ...
            return SanitizingFunction.sanitizeValue().ifKeyContains("secret");
        }
    }
}
