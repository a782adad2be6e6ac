package org.eventdispatcher.management;

import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;

/**
 * Makes the readiness health group {@code readinessState} and {@code connections}, so that
 * {@code /actuator/health/readiness} says whether the daemon can do its job now (its server
 * listens, its client is connected), unless {@code management.endpoint.health.group.readiness.include}
 * is set, which wins as usual.
 *
 * <p>Not a property default: Spring Boot refuses to start when a group names a component that does
 * not exist, and only a daemon with a TCP server or client has a {@code connections} component.
 * This is registered together with that component.
 */
public class ReadinessIncludesConnections implements BeanPostProcessor {

    static final String GROUP = "readiness";
    static final List<String> MEMBERS = List.of("readinessState", "connections");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HealthEndpointProperties properties) {
            HealthEndpointProperties.Group readiness =
                    properties.getGroup().computeIfAbsent(GROUP, name -> new HealthEndpointProperties.Group());
            if (readiness.getInclude() == null || readiness.getInclude().isEmpty()) {
                readiness.setInclude(new LinkedHashSet<>(MEMBERS));
            }
        }
        return bean;
    }
}
