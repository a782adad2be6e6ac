package org.eventdispatcher.autoconfigure;

import java.time.Duration;

import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.ReportThrottle;
import org.eventdispatcher.dispatch.builtin.DatagramCommands;
import org.eventdispatcher.dispatch.builtin.LogRotateCommand;
import org.eventdispatcher.logrotate.DatagramReceiver;
import org.eventdispatcher.logrotate.LogFiles;
import org.eventdispatcher.logrotate.LogRotateListener;
import org.eventdispatcher.logrotate.LogRotateProperties;
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

    @Bean
    LogRotateCommand logRotateCommand(LogFiles logFiles, LogRotateProperties properties,
            ApplicationEventPublisher events) {
        return new LogRotateCommand(logFiles, properties, events);
    }

    /** Bound while the context starts: a taken port fails the start instead of a background thread. */
    @Bean
    LogRotateListener logRotateListener(LogRotateProperties properties) {
        return LogRotateListener.bind(properties);
    }

    @Bean
    IntegrationFlow logRotateFlow(LogRotateListener listener, MessageDispatcher dispatcher,
            LogRotateProperties properties) {
        DatagramReceiver receiver = new DatagramReceiver(dispatcher,
                new ReportThrottle(Duration.ofMinutes(1), 1, "from UDP senders"),
                new DatagramCommands(properties.secret(), properties.udpCommandSet()));
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
            // any key holding "secret", case ignored: eventdispatcher.log-rotate.secret, EVENTDISPATCHER_LOG_ROTATE_SECRET, ...
            return SanitizingFunction.sanitizeValue().ifKeyContains("secret");
        }
    }
}
