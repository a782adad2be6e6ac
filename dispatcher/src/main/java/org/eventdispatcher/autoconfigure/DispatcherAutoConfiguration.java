package org.eventdispatcher.autoconfigure;

import java.time.Clock;
import org.eventdispatcher.connection.ConnectHandlers;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.dispatch.DispatchObserver;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.LifecycleHooks;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.StopRule;
import org.eventdispatcher.dispatch.builtin.SystemCommands;
import org.eventdispatcher.dispatch.contract.ApplicationDefinitions;
import org.eventdispatcher.management.IntegrationTimersOff;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * The dispatcher, its built-in commands, the table built from every {@link MessageHandlers} bean,
 * and the registry of open connections that every transport feeds.
 */
@AutoConfiguration
@EnableConfigurationProperties(DispatchProperties.class)
public class DispatcherAutoConfiguration {

    /** Without a {@link StopRule} bean nobody may stop the daemon: a missing rule never means "anyone". */
    @Bean
    @ConditionalOnMissingBean
    MessageDispatcher messageDispatcher(
            DispatchProperties properties,
            ObjectProvider<DispatchObserver> observers,
            ObjectProvider<StopRule> stopRule) {
        return new MessageDispatcher(
                properties, observers.orderedStream().toList(), stopRule.getIfAvailable(() -> StopRule.NOBODY));
    }

    /**
     * The message definition files, read now: the configured directories, then the application's
     * and the library's own. A file that does not read stops the start, naming it.
     */
    @Bean
    @ConditionalOnMissingBean
    MessageDefinitions messageDefinitions(DispatchProperties properties, ResourceLoader loader) {
        return MessageDefinitions.load(properties.definitionDirectories(), ApplicationDefinitions.onClassPath(loader));
    }

    /** Once every singleton exists, so that handlers may depend on anything, even the dispatcher. */
    @Bean
    SmartInitializingSingleton messageHandlerTable(
            MessageDispatcher dispatcher, MessageDefinitions definitions, ApplicationContext context) {
        return () -> dispatcher.useHandlers(
                context.getBeansWithAnnotation(MessageHandlers.class).values(), definitions);
    }

    /**
     * What every transport tells of its connections; the listeners (every {@link ConnectionListener}
     * bean, in order) are set once every singleton exists, so that a listener may depend on a
     * transport that tells it.
     */
    @Bean
    ConnectionEvents connectionEvents() {
        return new ConnectionEvents();
    }

    @Bean
    SmartInitializingSingleton connectionListeners(
            ConnectionEvents events, ObjectProvider<ConnectionListener> listeners) {
        return () -> events.useListeners(listeners.orderedStream().toList());
    }

    /** The {@code @OnConnect} and {@code @OnDisconnect} handlers: the last of the connection listeners. */
    @Bean
    ConnectHandlers connectHandlers(MessageDispatcher dispatcher) {
        return new ConnectHandlers(dispatcher);
    }

    @Bean
    @ConditionalOnMissingBean
    LifecycleHooks lifecycleHooks() {
        return new LifecycleHooks() {};
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one record of open connections; a dispatch observer, picked up with the others. */
    @Bean
    @ConditionalOnMissingBean
    ConnectionRegistry connectionRegistry(Clock clock) {
        return new ConnectionRegistry(clock);
    }

    @Bean
    @ConditionalOnProperty(
            name = "eventdispatcher.dispatch.system-commands",
            havingValue = "true",
            matchIfMissing = true)
    SystemCommands systemCommands(ObjectProvider<MessageDispatcher> dispatcher, LifecycleHooks hooks, Clock clock) {
        return new SystemCommands(dispatcher, hooks, clock);
    }

    /** Spring Integration times nothing where its meters are off (the library's default). */
    @Bean
    @ConditionalOnClass(name = "org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor")
    static IntegrationTimersOff integrationTimersOff() {
        return new IntegrationTimersOff();
    }
}
