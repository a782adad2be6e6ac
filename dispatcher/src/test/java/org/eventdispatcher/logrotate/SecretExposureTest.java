package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.LogRotateAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The secret stays out of /actuator/env and /actuator/configprops, even with their values shown. */
class SecretExposureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    LogRotateAutoConfiguration.class,
                    EndpointAutoConfiguration.class,
                    EnvironmentEndpointAutoConfiguration.class,
                    ConfigurationPropertiesReportEndpointAutoConfiguration.class))
            .withPropertyValues(
                    "eventdispatcher.log-rotate.listen=127.0.0.1:0",
                    "eventdispatcher.log-rotate.secret=s3cr3t-value",
                    "management.endpoints.web.exposure.include=env,configprops",
                    "management.endpoint.env.show-values=always",
                    "management.endpoint.configprops.show-values=always");

    @Test
    void envShowsOtherValuesButNotTheSecret() {
        runner.run(context -> {
            EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
            assertThat(env.environmentEntry("eventdispatcher.log-rotate.listen")
                            .getProperty()
                            .getValue())
                    .isEqualTo("127.0.0.1:0");
            assertThat(env.environmentEntry("eventdispatcher.log-rotate.secret")
                            .getProperty()
                            .getValue())
                    .isEqualTo("******");
        });
    }

    @Test
    void configpropsShowsOtherValuesButNotTheSecret() {
        runner.run(context -> {
            Map<String, Object> properties = context.getBean(ConfigurationPropertiesReportEndpoint.class)
                    .configurationPropertiesWithPrefix("eventdispatcher.log-rotate")
                    .getContexts()
                    .values()
                    .iterator()
                    .next()
                    .getBeans()
                    .values()
                    .iterator()
                    .next()
                    .getProperties();
            assertThat(properties).containsEntry("listen", "127.0.0.1:0").containsEntry("secret", "******");
            assertThat(properties.toString()).doesNotContain("s3cr3t");
        });
    }
}
