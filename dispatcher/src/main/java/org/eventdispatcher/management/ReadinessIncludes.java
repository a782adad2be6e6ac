package org.eventdispatcher.management;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Adds the components a daemon's job depends on to the readiness health group, beside
 * {@code readinessState}: {@code connections} (its server listens, its client is connected) and,
 * with the broker, {@code broker} and {@code rabbit}, so that {@code /actuator/health/readiness}
 * says whether the daemon can do its job now. A {@code management.endpoint.health.group.readiness.include}
 * naming anything else wins, as usual.
 *
 * <p>Not a property default: Spring Boot refuses to start when a group names a component that does
 * not exist, so each is added where that component is registered.
 */
public class ReadinessIncludes implements BeanPostProcessor, EnvironmentAware {

    static final String GROUP = "readiness";
    static final String INCLUDE_PROPERTY = "management.endpoint.health.group.readiness.include";

    private final List<String> members;
    private boolean setByUser;

    /** @param members the components to add, e.g. {@code connections} */
    public ReadinessIncludes(String... members) {
        this.members = List.of(members);
    }

    @Override
    public void setEnvironment(Environment environment) {
        setByUser = environment.containsProperty(INCLUDE_PROPERTY)
                || environment.containsProperty(INCLUDE_PROPERTY + "[0]");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HealthEndpointProperties properties && !setByUser) {
            HealthEndpointProperties.Group readiness =
                    properties.getGroup().computeIfAbsent(GROUP, name -> new HealthEndpointProperties.Group());
            // another of these may have been here first
            Set<String> include = new LinkedHashSet<>(List.of("readinessState"));
            if (readiness.getInclude() != null) {
                include.addAll(readiness.getInclude());
            }
            include.addAll(members);
            readiness.setInclude(include);
        }
        return bean;
    }
}
