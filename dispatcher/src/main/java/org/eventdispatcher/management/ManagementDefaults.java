package org.eventdispatcher.management;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The library's defaults for a daemon's management side, below every other property source, so
 * that any application.yml, configuration file, environment variable or option overrides them:
 * HTTP on the loopback address only, the endpoints a daemon exposes, the liveness and
 * readiness health groups with every detail (only local tools can ask), none of Spring
 * Integration's per-message timers and debug checks, and none of its per-attempt read errors.
 *
 * <p>The readiness group's members are set where its {@code connections} component is made
 * ({@link ReadinessIncludes}); the liveness group is Spring Boot's: {@code livenessState}.
 */
public class ManagementDefaults implements EnvironmentPostProcessor {

    public static final String PROPERTY_SOURCE = "eventdispatcher-defaults";

    static final Map<String, Object> DEFAULTS = Map.of(
            "management.endpoints.web.exposure.include", "health,info,prometheus,connections",
            "management.server.address", "127.0.0.1",
            // liveness and readiness groups outside Kubernetes too: systemd units and scripts ask them
            "management.endpoint.health.probes.enabled", "true",
            "management.endpoint.health.show-details", "always",
            // the daemons' own HTTP port, if one is opened, is for local tools too
            "server.address", "127.0.0.1",
            // Spring Integration's timers and debug checks run for every line, in and out: more than
            // a third of the server's CPU per message (BENCHMARKS.md; IntegrationTimersOff keeps it
            // from timing at all); the eventdispatcher.* meters count the messages by command
            "management.metrics.enable.spring.integration", "false",
            "spring.integration.management.default-logging-enabled", "false",
            // the client's connection logs each failed read (a refused certificate: every attempt);
            // the permanent connection says why a connection ended, once per outage
            "logging.level.org.springframework.integration.ip.tcp.connection.TcpNetConnection", "off");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, DEFAULTS));
        }
    }
}
